"""Whiteboard questions: write a schedule of the course from memory, no formula given. An answer is
graded by the same visible cases, PyTorch oracles and hidden grid as the notebook exercise it repeats."""
from __future__ import annotations

from ..items import whiteboard

ITEMS = (
    whiteboard(
        "warmup.whiteboard-warmup-cosine", topic="warmup", notebook="03-warmup",
        section="3 · Warmup + cosine: the transformer default", function="warmup_cosine_lr",
        prompt="Write `warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, eta_min=0.0, start_factor=0.0)` "
               "from memory: a linear warmup from start_factor · base_lr, then a cosine from base_lr down to eta_min, "
               "reached at total_steps and kept afterwards. `step` counts updates from 0.",
        why="Warmup for step < W: base_lr (f0 + (1 − f0) step / W). Then progress p = min(1, (step − W) / (T − W)) and "
            "eta_min + (base_lr − eta_min)(1 + cos(π p)) / 2. Traps: a progress of step / T (ignores the warmup), no "
            "clamp past T (PyTorch's and Hugging Face's cosine climb back), W = 0 dividing by zero."),
    whiteboard(
        "cyclical.whiteboard-one-cycle", topic="cyclical", notebook="06-cyclical-and-one-cycle",
        section="2 · The one-cycle policy", function="one_cycle_lr",
        prompt="Write `one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, anneal_strategy=\"cos\", "
               "div_factor=25.0, final_div_factor=1e4, three_phase=False)` from memory: the learning rate of update "
               "`step` under PyTorch's OneCycleLR. Raise ValueError (naming `step`) for step < 0 or step >= total_steps.",
        why="Corners: initial = max_lr / div_factor, max_lr, (three-phase: initial again), min = initial / "
            "final_div_factor. Phase ends are the floats pct_start · T − 1, (2 pct_start · T − 2), T − 1; step k is in "
            "the first phase whose end is >= k, pct = (k − start) / (end − start), cos: end + (start − end)(1 + cos "
            "π pct)/2, linear: start + (end − start) pct. Traps: rounding the boundaries, final_div_factor dividing "
            "max_lr, forgetting the ValueError."),
    whiteboard(
        "cosine.whiteboard-cosine", topic="cosine", notebook="02-cosine-annealing",
        section="1 · Cosine annealing: half a period of a cosine", function="cosine_annealing_lr",
        prompt="Write `cosine_annealing_lr(step, base_lr, T_max, eta_min=0.0)` from memory: half a cosine from base_lr "
               "at step 0 to eta_min at step T_max, and eta_min after it.",
        why="eta_min + (base_lr − eta_min)(1 + cos(π min(step, T_max) / T_max)) / 2. Traps: eta_min as a scale instead "
            "of an offset, no clamp after T_max (PyTorch's periodic form)."),
    whiteboard(
        "decay.whiteboard-multistep", topic="decay", notebook="01-step-decay", section="3 · Multi-step decay",
        function="multistep_lr",
        prompt="Write `multistep_lr(step, base_lr, milestones, gamma=0.1)` from memory: PyTorch's MultiStepLR. Milestones "
               "may be unsorted and may repeat; do not modify them.",
        why="base_lr · gamma ** (number of milestones m with m <= step): a milestone counts from the update equal to it, "
            "a repeated milestone twice, order irrelevant. Traps: m < step, sorting the caller's list in place, a set() "
            "that drops repeats."),
    whiteboard(
        "restarts.whiteboard-sgdr", topic="restarts", notebook="05-sgdr", section="3 · Derivation: where is update $k$?",
        function="sgdr_lr",
        prompt="Write `sgdr_lr(step, base_lr, T_0, T_mult=1, eta_min=0.0)` from memory: PyTorch's "
               "CosineAnnealingWarmRestarts stepped once per update (integer T_mult >= 1).",
        why="Find the cycle in integers: subtract T_0, T_0 m, T_0 m², … while step is past the cycle (or divmod for "
            "m = 1); T_cur is the position in it, T_i its length; then eta_min + (base_lr − eta_min)(1 + cos(π T_cur / "
            "T_i)) / 2. Trap: a floating-point logarithm for the cycle index misplaces restarts (update 121 with T_0 = "
            "1, T_mult = 3)."),
    whiteboard(
        "warmup.whiteboard-noam", topic="warmup", notebook="03-warmup",
        section="4 · The inverse-square-root (\"Noam\") schedule of the original Transformer", function="inverse_sqrt_lr",
        prompt="Write `inverse_sqrt_lr(step, d_model, warmup_steps, factor=1.0)` from memory: the original "
               "Transformer's schedule with the course's 0-based step.",
        why="s = step + 1; factor · d_model^−0.5 · min(s^−0.5, s · warmup_steps^−1.5). Traps: s = step (division by "
            "zero at update 0), max instead of min, d_model^0.5."),
)
