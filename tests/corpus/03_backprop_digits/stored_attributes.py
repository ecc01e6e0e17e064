"""A student whose network keeps extra state (L, the last output, an epoch counter, a history) beside what is asked."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1 / (1 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    s = 1 / (1 + np.exp(-z))
    return s * (1 - s)

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.L = len(sizes) - 1
        self.biases = [np.random.randn(y, 1) for y in sizes[1:]]
        self.weights = [np.random.randn(y, x) for x, y in zip(sizes[:-1], sizes[1:])]
        self.epochs_trained = 0
        self.history = []
        self.last_output = None

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for b, w in zip(self.biases, self.weights):
        a = sigmoid(np.dot(w, a) + b)
    self.last_output = a
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
    self.activations = [x]
    self.zs = []
    for b, w in zip(self.biases, self.weights):
        self.zs.append(np.dot(w, self.activations[-1]) + b)
        self.activations.append(sigmoid(self.zs[-1]))
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    delta = self.cost_derivative(self.activations[-1], y) * sigmoid_prime(self.zs[-1])
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, self.activations[-2].T)
    for l in range(2, self.num_layers):
        delta = np.dot(self.weights[-l + 1].T, delta) * sigmoid_prime(self.zs[-l])
        nabla_b[-l] = delta
        nabla_w[-l] = np.dot(delta, self.activations[-l - 1].T)
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    self.batch_size = X.shape[1]
    activations = [X]
    zs = []
    for b, w in zip(self.biases, self.weights):
        zs.append(np.dot(w, activations[-1]) + b)
        activations.append(sigmoid(zs[-1]))
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    delta = self.cost_derivative(activations[-1], Y) * sigmoid_prime(zs[-1])
    nabla_b[-1] = np.sum(delta, axis=1, keepdims=True)
    nabla_w[-1] = np.dot(delta, activations[-2].T)
    for l in range(2, self.num_layers):
        delta = np.dot(self.weights[-l + 1].T, delta) * sigmoid_prime(zs[-l])
        nabla_b[-l] = np.sum(delta, axis=1, keepdims=True)
        nabla_w[-l] = np.dot(delta, activations[-l - 1].T)
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    self.last_batch_size = len(mini_batch)
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    for x, y in mini_batch:
        dnb, dnw = self.backprop(x, y)
        nabla_b = [nb + d for nb, d in zip(nabla_b, dnb)]
        nabla_w = [nw + d for nw, d in zip(nabla_w, dnw)]
    self.weights = [w - (eta / self.last_batch_size) * nw for w, nw in zip(self.weights, nabla_w)]
    self.biases = [b - (eta / self.last_batch_size) * nb for b, nb in zip(self.biases, nabla_b)]


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    training_data = list(training_data)
    n = len(training_data)
    for j in range(epochs):
        random.shuffle(training_data)
        mini_batches = [training_data[k:k + mini_batch_size] for k in range(0, n, mini_batch_size)]
        for mini_batch in mini_batches:
            self.update_mini_batch(mini_batch, eta)
        self.epochs_trained += 1
        if test_data:
            correct = self.evaluate(test_data)
            history.append(correct)
            print("Epoch {}: {} / {}".format(j, correct, len(test_data)))
        else:
            print("Epoch {} complete".format(j))
    self.history = self.history + history
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    results = [(np.argmax(self.feedforward(x)), y) for (x, y) in test_data]
    self.last_score = sum(int(a == y) for (a, y) in results)
    return self.last_score


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1.0 - np.tanh(z) ** 2


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    return np.maximum(0.0, z)


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    return 1.0 * (z > 0)

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    e = np.exp(z - np.max(z, axis=0))
    return e / np.sum(e, axis=0)


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    return softmax(z) - y
