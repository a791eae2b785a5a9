"""References for 01-step-decay (exact closed forms; integer arithmetic for counts)."""


def step_lr(step, base_lr, step_size, gamma=0.1):
    return base_lr * gamma ** (int(step) // int(step_size))


def multistep_lr(step, base_lr, milestones, gamma=0.1):
    return base_lr * gamma ** sum(1 for m in milestones if m <= step)


def exponential_lr(step, base_lr, gamma):
    return base_lr * gamma ** int(step)
