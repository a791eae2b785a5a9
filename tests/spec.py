"""The exercise contract of ../shared/COURSE_SPEC.md, transcribed: assignment id ->
(notebook, graded function signatures). Tests check the notebooks against it.

The spec lets authors name the exercises graded by training and the ones derived from a
description (cubic_decay_lr, transformer_schedule, mnist_schedule); they are listed in the
README's course table."""

SPEC = {
    "00-orientation": ("orientation.ipynb", ["constant_lr(step, base_lr)"]),
    "01-step-decay": ("step_decay.ipynb", [
        "step_lr(step, base_lr, step_size, gamma=0.1)",
        "multistep_lr(step, base_lr, milestones, gamma=0.1)",
        "exponential_lr(step, base_lr, gamma)",
    ]),
    "02-cosine-annealing": ("cosine_annealing.ipynb", [
        "cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0)",
        "polynomial_lr(step, base_lr, total_steps, power=1.0, end_lr=0.0)",
        "cubic_decay_lr(step, base_lr, total_steps, eta_min=0.0)",          # derived from its properties
    ]),
    "03-warmup": ("warmup.ipynb", [
        "linear_warmup_lr(step, base_lr, warmup_steps, start_factor=0.0)",
        "warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0)",
        "inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0)",
        "wsd_lr(step, base_lr, warmup_steps, stable_steps, decay_steps, eta_min=0.0, decay='linear')",
    ]),
    "04-adam-warmup-rationale": ("adam_warmup_rationale.ipynb", [
        "bias_correction(t, beta)",
        "radam_rho(t, beta2)",
        "radam_rectifier(t, beta2)",
        "untuned_linear_warmup(step, beta2)",
        "untuned_exponential_warmup(step, beta2)",
        "transformer_schedule(step)",                                         # graded by training
    ]),
    "05-sgdr": ("sgdr.ipynb", [
        "sgdr_cycle(step, T_0, T_mult=1)",
        "sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0)",
    ]),
    "06-cyclical-and-one-cycle": ("one_cycle.ipynb", [
        "cyclic_lr(step, base_lr, max_lr, step_size_up, step_size_down=None, mode='triangular', gamma=1.0)",
        "one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, anneal_strategy='cos', div_factor=25.0, "
        "final_div_factor=10000.0, three_phase=False)",
        "one_cycle_momentum(step, total_steps, pct_start=0.3, base_momentum=0.85, max_momentum=0.95, "
        "anneal_strategy='cos', three_phase=False)",
        "mnist_schedule(step)",                                               # graded by training
    ]),
    "07-schedules-in-pytorch": ("schedules_in_pytorch.ipynb", [
        "lr_trace(make_scheduler, num_steps, base_lr=0.1)",
        "lambda_scheduler(optimizer, lr_fn)",
        "warmup_cosine_scheduler(optimizer, warmup_steps, total_steps, eta_min=0.0)",
        "plateau_lrs(metrics, base_lr, mode='min', factor=0.1, patience=10, threshold=0.0001, "
        "threshold_mode='rel', cooldown=0, min_lr=0.0, eps=1e-08)",
    ]),
    "08-choosing-a-schedule": ("choosing_a_schedule.ipynb", [
        "scaled_lr(base_lr, base_batch_size, batch_size, rule='linear')",
        "layerwise_lr_groups(layers, base_lr, decay)",
        "cosine_restarts_lr(step, base_lr, warmup_steps, total_steps, num_cycles=1, cycle_decay=1.0, eta_min=0.0)",
        "k_decay_lr(step, base_lr, T_max, k=1.0, eta_min=0.0)",
        "swalr_lr(step, base_lr, swa_lr, anneal_epochs=10, anneal_strategy='cos')",
    ]),
    "09-review-drill": ("review_drill.ipynb", [f"q{i:02d}" for i in range(1, 25)]),
    "10-lr-range-test-mnist": ("lr_range_test_mnist.ipynb", [
        "exp_lr_at(i, start_lr, end_lr, num_iter)",
        "smooth_losses(losses, smooth_f=0.05)",
        "lr_range_test(model, loss_fn, optimizer, loader, start_lr=1e-07, end_lr=10.0, num_iter=100, "
        "smooth_f=0.05, diverge_th=5.0, device=None)",
        "suggest_lr(lrs, losses, skip_start=10, skip_end=5)",
    ]),
}
