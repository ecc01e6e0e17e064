"""A student who goes back with reversed(zip(...)) and insert(0, ...), and sums the gradient lists with zip."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1.0 / (1.0 + np.exp(-z))


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
        self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
        self.weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for b, w in zip(self.biases, self.weights):
        a = sigmoid(w.dot(a) + b)
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
    activations, zs = [x], []
    for b, w in zip(self.biases, self.weights):
        zs.append(w.dot(activations[-1]) + b)
        activations.append(sigmoid(zs[-1]))
    nabla_b, nabla_w = [], []
    # the error arriving at the output, before sigma'
    upstream = self.cost_derivative(activations[-1], y)
    for w, z, a_prev in reversed(list(zip(self.weights, zs, activations[:-1]))):
        delta = upstream * sigmoid_prime(z)
        nabla_b.insert(0, delta)
        nabla_w.insert(0, delta.dot(a_prev.T))
        upstream = w.T.dot(delta)
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    activations, zs = [X], []
    for b, w in zip(self.biases, self.weights):
        zs.append(w.dot(activations[-1]) + b)
        activations.append(sigmoid(zs[-1]))
    nabla_b, nabla_w = [], []
    upstream = self.cost_derivative(activations[-1], Y)
    for w, z, a_prev in reversed(list(zip(self.weights, zs, activations[:-1]))):
        delta = upstream * sigmoid_prime(z)
        nabla_b.insert(0, delta.sum(axis=1, keepdims=True))
        nabla_w.insert(0, delta.dot(a_prev.T))
        upstream = w.T.dot(delta)
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    sums_b = [np.zeros(b.shape) for b in self.biases]
    sums_w = [np.zeros(w.shape) for w in self.weights]
    for x, y in mini_batch:
        gb, gw = self.backprop(x, y)
        sums_b = [s + g for s, g in zip(sums_b, gb)]
        sums_w = [s + g for s, g in zip(sums_w, gw)]
    self.weights = [w - eta * s / len(mini_batch) for w, s in zip(self.weights, sums_w)]
    self.biases = [b - eta * s / len(mini_batch) for b, s in zip(self.biases, sums_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    shuffled = list(training_data)
    for epoch in range(epochs):
        random.shuffle(shuffled)
        batches = [shuffled[i:i + mini_batch_size] for i in range(0, len(shuffled), mini_batch_size)]
        for batch in batches:
            self.update_mini_batch(batch, eta)
        if test_data:
            history.append(self.evaluate(test_data))
            print("Epoch {0}: {1} / {2}".format(epoch, history[-1], len(test_data)))
        else:
            print("Epoch {0} complete".format(epoch))
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    return len([1 for x, label in test_data if np.argmax(self.feedforward(x)) == label])


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.clip(z, 0, None)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return np.greater(z, 0).astype(float)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
