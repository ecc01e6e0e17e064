"""A student who loops by index wherever possible: layers, columns of the batch, the test set, softmax's columns."""

# %%
def sigmoid(z):
    """1 / (1 + e^(-z)), entry by entry."""
    return 1.0 / (1.0 + np.exp(-z))


def sigmoid_prime(z):
    """Derivative of the sigmoid, entry by entry."""
    s = sigmoid(z)
    return s * (1.0 - s)

# %%
class Network:
    """A fully connected network of sigmoid neurons, trained with mini-batch SGD.

    Each method after __init__ is written in a cell of its own below and attached to the class there.
    """

    def __init__(self, sizes):
        """sizes: neurons per layer, input first, such as [64, 30, 10]."""
        self.num_layers = len(sizes)
        self.sizes = sizes
        self.biases = []
        for i in range(1, len(sizes)):
            self.biases.append(np.random.randn(sizes[i], 1))
        self.weights = []
        for i in range(1, len(sizes)):
            self.weights.append(np.random.randn(sizes[i], sizes[i - 1]))

# %%
def feedforward(self, a):
    """The network's output: (n_L, 1) for a column a of shape (n_0, 1), (n_L, m) for a matrix a of shape (n_0, m)."""
    for i in range(len(self.weights)):
        a = sigmoid(np.dot(self.weights[i], a) + self.biases[i])
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
    L = len(self.weights)
    a = [x]
    z = []
    for i in range(L):
        z.append(np.dot(self.weights[i], a[i]) + self.biases[i])
        a.append(sigmoid(z[i]))
    nabla_b = [0] * L
    nabla_w = [0] * L
    delta = self.cost_derivative(a[L], y) * sigmoid_prime(z[L - 1])
    i = L - 1
    while i >= 0:
        nabla_b[i] = delta
        nabla_w[i] = np.dot(delta, a[i].T)
        if i > 0:
            delta = np.dot(self.weights[i].T, delta) * sigmoid_prime(z[i - 1])
        i -= 1
    return nabla_b, nabla_w


Network.backprop = backprop

# %%
def backprop_batch(self, X, Y):
    """(nabla_b, nabla_w) summed over a mini-batch whose examples are the columns of X (n_0, m) and Y (n_L, m)."""
    # the same sums as adding up backprop over the columns
    nabla_b = [np.zeros(b.shape) for b in self.biases]
    nabla_w = [np.zeros(w.shape) for w in self.weights]
    for i in range(X.shape[1]):
        nb, nw = self.backprop(X[:, i:i + 1], Y[:, i:i + 1])
        for l in range(len(nabla_b)):
            nabla_b[l] = nabla_b[l] + nb[l]
            nabla_w[l] = nabla_w[l] + nw[l]
    return nabla_b, nabla_w


Network.backprop_batch = backprop_batch

# %%
def update_mini_batch(self, mini_batch, eta):
    """One gradient-descent step on the average gradient of the (x, y) pairs in mini_batch; returns nothing."""
    sum_b = [np.zeros(b.shape) for b in self.biases]
    sum_w = [np.zeros(w.shape) for w in self.weights]
    for i in range(len(mini_batch)):
        x, y = mini_batch[i]
        nb, nw = self.backprop(x, y)
        for l in range(len(sum_b)):
            sum_b[l] = sum_b[l] + nb[l]
            sum_w[l] = sum_w[l] + nw[l]
    new_weights = []
    new_biases = []
    for l in range(len(self.weights)):
        new_weights.append(self.weights[l] - eta / len(mini_batch) * sum_w[l])
        new_biases.append(self.biases[l] - eta / len(mini_batch) * sum_b[l])
    self.weights = new_weights
    self.biases = new_biases


Network.update_mini_batch = update_mini_batch

# %%
def SGD(self, training_data, epochs, mini_batch_size, eta, test_data=None):
    """Train with mini-batch stochastic gradient descent; return history, evaluate(test_data) after each epoch."""
    history = []
    for epoch in range(epochs):
        shuffled = list(training_data)
        random.shuffle(shuffled)
        k = 0
        while k < len(shuffled):
            self.update_mini_batch(shuffled[k:k + mini_batch_size], eta)
            k = k + mini_batch_size
        if test_data is not None:
            score = self.evaluate(test_data)
            history.append(score)
            print("epoch " + str(epoch) + ": " + str(score) + " / " + str(len(test_data)))
        else:
            print("epoch " + str(epoch) + " complete")
    return history


Network.SGD = SGD

# %%
def evaluate(self, test_data):
    """How many (x, label) pairs of test_data the network answers right, as an integer."""
    count = 0
    for i in range(len(test_data)):
        x, label = test_data[i]
        if np.argmax(self.feedforward(x)) == label:
            count = count + 1
    return count


Network.evaluate = evaluate

# %%
def tanh_prime(z):
    """Derivative of tanh, 1 - tanh(z)², entry by entry: an array of the shape of z."""
    return 1 - np.tanh(z) * np.tanh(z)


def relu(z):
    """max(0, z), entry by entry: an array of the shape of z."""
    out = np.array(z, dtype=float)  # a copy: z itself stays as it was
    for index, value in np.ndenumerate(out):
        if value < 0:
            out[index] = 0.0
    return out


def relu_prime(z):
    """Derivative of ReLU, entry by entry: 1 where z > 0, 0 where z < 0, an array of the shape of z."""
    out = np.zeros(np.shape(z))
    for index, value in np.ndenumerate(np.asarray(z)):
        if value > 0:
            out[index] = 1.0
    return out

# %%
def softmax(z):
    """Softmax of each column of z, (K, 1) or (K, m): probabilities of the shape of z, each column summing to 1."""
    out = np.zeros(z.shape)
    for j in range(z.shape[1]):
        column = z[:, j] - np.max(z[:, j])
        e = np.exp(column)
        out[:, j] = e / np.sum(e)
    return out


def softmax_cross_entropy_delta(z, y):
    """δ^L = a - y with a = softmax(z), for the cross-entropy loss; z, the one-hot y and the result share one shape."""
    a = softmax(z)
    return a - y
