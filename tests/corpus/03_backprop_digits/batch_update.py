"""A student who vectorises: update_mini_batch stacks the batch and calls backprop_batch once; evaluate in one matrix."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    return sigmoid(z) * (1 - sigmoid(z))

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.biases = [np.random.randn(sizes[l], 1) for l in range(1, len(sizes))]
        self.weights = [np.random.randn(sizes[l], sizes[l - 1]) for l in range(1, len(sizes))]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for W, b in zip(self.weights, self.biases):
        a = sigmoid(W @ a + b)
    return a


Network.feedforward = feedforward

# %%
def cost_derivative(self, output_activations, y):
    """∂ℒ/∂a for the quadratic loss ℒ = ½‖a - y‖²: an array of the shape of output_activations."""
    return output_activations - y


Network.cost_derivative = cost_derivative

# %%
def backprop(self, x, y):
    """(nabla_b, nabla_w): the gradient of one example's loss, lists shaped like self.biases and self.weights."""
    # one example is a batch of one: the sums over the batch are this example's gradient
    return self.backprop_batch(x, y)


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    A = [X]
    Z = []
    for W, b in zip(self.weights, self.biases):
        Z.append(W @ A[-1] + b)
        A.append(sigmoid(Z[-1]))
    L = len(self.weights)
    nabla_b = [None] * L
    nabla_w = [None] * L
    dZ = self.cost_derivative(A[-1], Y) * sigmoid_prime(Z[-1])
    for l in range(L, 0, -1):  # layers L, ..., 1; list index l - 1
        nabla_b[l - 1] = dZ.sum(axis=1, keepdims=True)
        nabla_w[l - 1] = dZ @ A[l - 1].T
        if l > 1:
            dZ = (self.weights[l - 1].T @ dZ) * sigmoid_prime(Z[l - 2])
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    X = np.hstack([x for x, _ in mini_batch])
    Y = np.hstack([y for _, y in mini_batch])
    nabla_b, nabla_w = self.backprop_batch(X, Y)
    m = len(mini_batch)
    self.weights = [W - eta / m * dW for W, dW in zip(self.weights, nabla_w)]
    self.biases = [b - eta / m * db for b, db in zip(self.biases, nabla_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    data = list(training_data)
    for epoch in range(epochs):
        random.shuffle(data)
        for start in range(0, len(data), mini_batch_size):
            self.update_mini_batch(data[start:start + mini_batch_size], eta)
        if test_data:
            correct = self.evaluate(test_data)
            history.append(correct)
            print(f"epoch {epoch}: {correct} / {len(test_data)}")
        else:
            print(f"epoch {epoch} complete")
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    X = np.hstack([x for x, _ in test_data])
    labels = np.array([label for _, label in test_data])
    answers = np.argmax(self.feedforward(X), axis=0)
    return int(np.sum(answers == labels))


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.maximum(z, 0)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return (z > 0) * 1.0

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
