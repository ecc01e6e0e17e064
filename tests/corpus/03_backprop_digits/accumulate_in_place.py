"""A student who adds the per-example gradients in place into fresh zero arrays, layer by layer, with +=."""

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
        self.biases = [np.random.randn(n, 1) for n in sizes[1:]]
        self.weights = [np.random.randn(n, k) for k, n in zip(sizes[:-1], sizes[1:])]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for w, b in zip(self.weights, self.biases):
        z = np.dot(w, a) + b
        a = sigmoid(z)
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
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    a = x
    activations = [a]
    zs = []
    for w, b in zip(self.weights, self.biases):
        z = np.dot(w, a) + b
        a = sigmoid(z)
        zs.append(z)
        activations.append(a)
    L = len(self.weights)
    delta = self.cost_derivative(activations[L], y) * sigmoid_prime(zs[L - 1])
    for k in range(L - 1, -1, -1):  # list index k is layer k + 1
        nabla_b[k] += delta
        nabla_w[k] += np.dot(delta, activations[k].T)
        if k > 0:
            delta = np.dot(self.weights[k].T, delta) * sigmoid_prime(zs[k - 1])
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    A = X
    activations = [A]
    zs = []
    for w, b in zip(self.weights, self.biases):
        Z = np.dot(w, A) + b
        A = sigmoid(Z)
        zs.append(Z)
        activations.append(A)
    L = len(self.weights)
    delta = self.cost_derivative(activations[L], Y) * sigmoid_prime(zs[L - 1])
    for k in range(L - 1, -1, -1):
        nabla_b[k] += np.sum(delta, axis=1, keepdims=True)
        nabla_w[k] += np.dot(delta, activations[k].T)
        if k > 0:
            delta = np.dot(self.weights[k].T, delta) * sigmoid_prime(zs[k - 1])
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    for x, y in mini_batch:
        delta_b, delta_w = self.backprop(x, y)
        for k in range(len(nabla_b)):
            nabla_b[k] += delta_b[k]
            nabla_w[k] += delta_w[k]
    m = len(mini_batch)
    self.weights = [w - (eta / m) * nw for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - (eta / m) * nb for b, nb in zip(self.biases, nabla_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    data = list(training_data)
    n = len(data)
    for epoch in range(epochs):
        random.shuffle(data)
        mini_batches = [data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
        for mini_batch in mini_batches:
            self.update_mini_batch(mini_batch, eta)
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
    correct = 0
    for x, label in test_data:
        correct += int(np.argmax(self.feedforward(x)) == label)
    return correct


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.maximum(z, 0.0)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return (z > 0).astype(float)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    shifted = z - np.max(z, axis=0, keepdims=True)
    return np.exp(shifted) / np.exp(shifted).sum(axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
