"""Variants of 09-review-drill's answer cells (see tests/harness.py).

Each answer cell assigns one variable ``qNN``. WRONG: a plausible wrong value (the
misconception the question targets) and a blank (``None``); each must lose the marks of
``test_qNN`` only. RIGHT: the correct value in another form (an expression instead of a
literal, a lower-case letter, a float for a whole number).
"""

WRONG = {
    "q01": [("counts updates from 0: 30", "q01 = 30\n"), ("blank", "q01 = None\n")],
    "q02": [("milestone counted only after it: 0.01", "q02 = 0.01\n"), ("blank", "q02 = None\n"),
            ("a string", 'q02 = "0.001"\n')],
    "q03": [("clamps at eta_min like the closed form: 0", "q03 = 0.0\n"), ("blank", "q03 = None\n")],
    "q04": [("LinearLR with start_factor=0: A", 'q04 = "A"\n'), ("blank", "q04 = None\n")],
    "q07": [("the bias-corrected step: 1", "q07 = 1.0\n"), ("blank", "q07 = None\n")],
    "q08": [("PyTorch's threshold taken for the paper's: C", 'q08 = "c"\n'), ("blank", "q08 = None\n")],
    "q09": [("1 / (1 - beta2): 1000", "q09 = 1000\n"), ("blank", "q09 = None\n")],
    "q11": [("max_lr / final_div_factor: 1e-5", "q11 = 1e-5\n"), ("blank", "q11 = None\n")],
    "q13": [("thinks PyTorch compensates: C", 'q13 = "C"\n'), ("blank", "q13 = None\n")],
    "q14": [("reduces when the count reaches patience: 0.00625", "q14 = 0.00625\n"), ("blank", "q14 = None\n")],
    "q15": [("divides by num_iter: 1e-3", "q15 = 1e-7 * (10 / 1e-7) ** (50 / 100)\n"), ("blank", "q15 = None\n")],
}

RIGHT = {
    "q01": [("an expression", "q01 = 30 + 1\n"), ("a float", "q01 = 31.0\n")],
    "q02": [("an expression", "q02 = 0.1 * 0.1 ** 2\n"), ("scientific notation", "q02 = 1e-3\n")],
    "q04": [("lower case", 'q04 = "c"\n'), ("spaces around", 'q04 = " C "\n')],
    "q05": [("an expression", "q05 = (512 * 4000) ** -0.5\n"), ("rounded up", "q05 = 6.99e-4\n")],
    "q07": [("an expression", "q07 = 0.1 / 0.001 ** 0.5\n"), ("sqrt(10)", "import math\nq07 = math.sqrt(10)\n")],
    "q08": [("lower case", "q08 = 'b'\n"), ("with a trailing space", "q08 = 'b '\n")],
    "q09": [("2 / (1 - beta2), rounded by floats", "q09 = 2 / (1 - 0.999)\n"), ("a float", "q09 = 2000.0\n")],
    "q10": [("an expression", "import math\nq10 = 0.1 * (1 + math.cos(math.pi * 30 / 80)) / 2\n"),
            ("scientific notation", "q10 = 6.913e-2\n")],
    "q11": [("an expression", "q11 = 0.1 / 25 / 1e4\n"), ("a NumPy float", "import numpy as np\nq11 = np.float64(4e-7)\n")],
    "q14": [("an expression", "q14 = 0.1 * 0.5 ** 2\n"), ("a fraction", "from fractions import Fraction\nq14 = Fraction(1, 40)\n")],
    "q15": [("an expression", "q15 = 1e-7 * (10 / 1e-7) ** (50 / 99)\n"), ("rounded up", "q15 = 1.098e-3\n")],
}
