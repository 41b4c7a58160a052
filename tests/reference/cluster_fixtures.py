#!/usr/bin/python3
# Writes the small clustering fixtures under tests/data/reference/.
# Run with Debian's /usr/bin/python3 (numpy 1.24.2, scikit-learn 1.2.1):
#   /usr/bin/python3 tests/reference/cluster_fixtures.py
import os
import numpy as np
from sklearn.datasets import make_blobs

out = os.path.join(os.path.dirname(__file__), "..", "data", "reference")
os.makedirs(out, exist_ok=True)


def write(name, X, header):
    with open(os.path.join(out, name), "w") as f:
        f.write(",".join(header) + "\n")
        for row in X:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


# 300 points, 3 features, 4 blobs.
X, _ = make_blobs(n_samples=300, n_features=3, centers=4, cluster_std=1.5, random_state=7)
write("blobs.csv", X, ["x1", "x2", "x3"])

# 400 points uniform in [0, 10)^4: no structure, many Lloyd iterations.
rng = np.random.RandomState(3)
write("uniform.csv", rng.uniform(0, 10, size=(400, 4)), ["u1", "u2", "u3", "u4"])

# Two tight groups and one far point; a third initial centre far away gets
# no point in the first assignment, so it is relocated to the point farthest
# from its centre.
E = np.array([[0.0, 0.0], [0.5, 0.2], [0.1, 0.6], [0.4, 0.5],
              [5.0, 5.0], [5.3, 5.4], [5.6, 4.9], [4.8, 5.2],
              [12.0, 1.0]])
write("empty_cluster.csv", E, ["a", "b"])
