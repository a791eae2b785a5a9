"""Debugging questions: a symptom (an error, a warning, a surprising number) or a curve (a learning-rate
trace or a loss curve, see :mod:`..pictures`) and the bug behind it. Every option is explained.

In the pictures, grey is what the loop was meant to do and red what it recorded.
"""
from __future__ import annotations

from ..items import choice, right, wrong

N00, N01, N02, N03 = "00-orientation", "01-step-decay", "02-cosine-annealing", "03-warmup"
N04, N05, N06, N07 = "04-adam-warmup-rationale", "05-sgdr", "06-cyclical-and-one-cycle", "07-schedules-in-pytorch"
N08, N10 = "08-choosing-a-schedule", "10-lr-range-test-mnist"
UNITS = "5 · Per batch or per epoch?"
RESUME = "6 · Checkpoint and resume with an identical schedule"

CURVES = [
    choice(
        "pytorch.curve-per-epoch-stepping", kind="curve", topic="pytorch", notebook=N07, section=UNITS,
        picture="per_epoch_stepping",
        prompt="The loop was meant to warm up over 6 updates, then follow a cosine over the other 54 (6 epochs of 10 "
               "batches). Red is the rate each update actually used; dotted lines are epoch ends. Which bug made it?",
        options=[
            right("scheduler.step() is called once per epoch instead of after every batch.",
                  "The schedule counts updates but gets 6 calls in the whole run: the rate is constant within each "
                  "epoch, the warmup takes all 6 epochs and the cosine never starts. Nothing warns."),
            wrong("T_max was given in epochs.",
                  "Then the cosine, once started, would wave up and down; here it never starts, and the rate only "
                  "changes at epoch ends."),
            wrong("scheduler.step() is called before optimizer.step().",
                  "That shifts the whole schedule one update early; the shape would still be a 6-update warmup and "
                  "a cosine."),
            wrong("The scheduler is rebuilt at the start of every epoch.",
                  "A rebuilt scheduler starts again at f(0): the rate would fall back every epoch, a sawtooth, not a "
                  "staircase that climbs."),
        ]),
    choice(
        "cosine.curve-t-max-in-epochs", kind="curve", topic="cosine", notebook=N02, section="In practice: cosine annealing",
        picture="t_max_in_epochs",
        prompt="10 epochs of 50 batches, meant to anneal once with a cosine over the whole run. Which bug made the red "
               "trace?",
        options=[
            right("T_max = 10 counts epochs, but scheduler.step() runs after every batch.",
                  "PyTorch's cosine is periodic with period 2 T_max = 20 updates: 25 waves in 500 updates. Count T_max "
                  "in the unit you step in: 10 × 50 = 500."),
            wrong("T_max = 500 with scheduler.step() once per epoch.",
                  "That gives a rate constant within each epoch that has barely decayed at the end (10 of 500 steps)."),
            wrong("CosineAnnealingWarmRestarts(T_0=10) was used instead.",
                  "Warm restarts jump back to the top at once; this curve climbs back smoothly, as a periodic cosine does."),
            wrong("eta_min is larger than base_lr.",
                  "That would turn the cosine upside down once; it would not repeat 25 times."),
        ]),
    choice(
        "restarts.curve-t0-in-epochs", kind="curve", topic="restarts", notebook=N05,
        section="6 · In practice: PyTorch, and the unit of `T_0`", picture="sgdr_t0_in_epochs",
        prompt="6 epochs of 50 batches with CosineAnnealingWarmRestarts(T_mult=2), meant to restart after epochs 2 and "
               "6 (a first cycle of 2 epochs). Which bug made the red trace?",
        options=[
            right("T_0 = 2 counts epochs while scheduler.step() runs per batch: restarts after 2, 6, 14, 30, … batches.",
                  "Every cycle is a fiftieth of its intended length; stepped per batch, T_0 must be 2 × 50 = 100."),
            wrong("T_mult = 1 instead of 2.",
                  "Equal cycles would restart at regular intervals; these cycles double in length."),
            wrong("step(epoch) with fractional epochs, which misplaces restarts through math.log.",
                  "That moves a few restarts by one update; it does not shorten every cycle fiftyfold."),
            wrong("scheduler.step() is called once per epoch.",
                  "Then the rate would be constant within each epoch, with restarts after epochs 2 and 6."),
        ]),
    choice(
        "conventions.curve-stepping-order", kind="curve", topic="conventions", notebook=N07, section="7 · Find the bug",
        picture="stepping_order",
        prompt="The first 12 updates of a warmup (6 updates) then cosine: grey bars intended, red bars recorded. PyTorch "
               "printed one UserWarning at the first scheduler.step(). Which bug?",
        options=[
            right("scheduler.step() is called before optimizer.step(): update k uses f(k + 1).",
                  "The whole schedule runs one update early and f(0) is never used. PyTorch notices the order (it "
                  "wraps optimizer.step) and warns once, but does not fix it."),
            wrong("The warmup uses the (k + 1)/W convention.",
                  "That also starts one value ahead, but raises no warning, and the cosine after it would not be shifted."),
            wrong("The scheduler is stepped once per epoch.",
                  "Then the rate would stay constant for whole epochs (10 updates here)."),
            wrong("LinearLR was given start_factor = 0.",
                  "LinearLR rejects start_factor = 0 with a ValueError: the run would not start."),
        ]),
    choice(
        "cosine.curve-past-end", kind="curve", topic="cosine", notebook=N02,
        section="2 · PyTorch's `CosineAnnealingLR`: recursive, and periodic after `T_max`", picture="cosine_past_end",
        prompt="CosineAnnealingLR(T_max=100) drove a run that someone extended to 160 updates. What happened after "
               "update 100?",
        options=[
            right("PyTorch's cosine is periodic: past T_max it climbs back along the same curve, up to base_lr at 2 T_max.",
                  "Its closed form has no clamp (nor has Hugging Face's cosine lambda past num_training_steps). The "
                  "course's cosine_annealing_lr and Keras's CosineDecay stay at eta_min. Rebuild the schedule for the "
                  "new length."),
            wrong("It restarted, as CosineAnnealingWarmRestarts does.",
                  "A restart jumps back to the top at once; this rate climbs smoothly."),
            wrong("PyTorch reset the scheduler when eta_min was reached.",
                  "PyTorch never resets a scheduler by itself."),
            wrong("The optimizer's momentum raised the learning rate.",
                  "Momentum never changes group['lr']; only the scheduler writes it."),
        ]),
    choice(
        "decay.curve-exponential-per-batch", kind="curve", topic="decay", notebook=N01, section="4 · Exponential decay",
        picture="exponential_per_batch",
        prompt="ExponentialLR(gamma=0.95) taken from a recipe, 5 epochs of 100 batches (log scale). Which bug made "
               "the red trace?",
        options=[
            right("The recipe's gamma is per epoch, but the loop steps the scheduler after every batch.",
                  "0.95^100 ≈ 0.006: after one epoch the rate is 0.6 % of its start, after five about 7e-12. Training "
                  "stops within the first epoch."),
            wrong("gamma should be 1.05.",
                  "A gamma above 1 grows the rate; the recipe's 0.95 is right, its unit is wrong."),
            wrong("The scheduler is stepped once per epoch.",
                  "That is the grey trace: constant within an epoch, × 0.95 per epoch."),
            wrong("The optimizer's weight decay shrinks the learning rate.",
                  "Weight decay shrinks the weights, never group['lr']."),
        ]),
    choice(
        "warmup.curve-t-max-ignores-warmup", kind="curve", topic="warmup", notebook=N07, section="7 · Find the bug",
        picture="t_max_ignores_warmup",
        prompt="SequentialLR of LinearLR (6 updates) and CosineAnnealingLR, milestones=[6], 60 updates in all (log "
               "scale). The red run ends well above the intended final rate. Which bug?",
        options=[
            right("CosineAnnealingLR(T_max=60) ignores the warmup: the cosine starts at update 6 and ends its run only "
                  "53/60 of the way along.",
                  "The last update uses about 0.0033 instead of 0.0001. In a warmup composition T_max = total − warmup."),
            wrong("SequentialLR's milestone is 0.",
                  "Then the warmup would be skipped; here it is there."),
            wrong("The scheduler is stepped once per epoch.",
                  "That would give a staircase."),
            wrong("eta_min = 0.0033.",
                  "Then the curve would flatten at that floor; here it is still falling at the last update."),
        ]),
    choice(
        "pytorch.curve-resume-scheduler-not-restored", kind="curve", topic="pytorch", notebook=N07, section=RESUME,
        picture="resume_scheduler_not_restored",
        prompt="A warmup-then-cosine run was checkpointed at update 30 and resumed (log scale; grey uninterrupted, red "
               "resumed). The model's and the optimizer's state dicts were restored. Which bug?",
        options=[
            right("The scheduler's state dict was not restored: a fresh scheduler believes it is at update 0.",
                  "Its chainable LinearLR multiplies the restored rate by its warmup ratios (the rate climbs tenfold), "
                  "then the cosine starts over from base_lr: the whole schedule is replayed from the resume on."),
            wrong("The scheduler was built after optimizer.load_state_dict.",
                  "That overwrites the restored rate with f(0) and continues from there: the rate drops at the resume, "
                  "it does not climb."),
            wrong("The optimizer's state was not restored.",
                  "Losing the momentum buffers changes the weights' path, not group['lr']: the trace would be unchanged."),
            wrong("T_max was too short.",
                  "T_max changes the cosine's length; it does not make the rate climb at the resume."),
        ]),
    choice(
        "pytorch.curve-resume-scheduler-built-after-load", kind="curve", topic="pytorch", notebook=N07, section=RESUME,
        picture="resume_scheduler_built_after_load",
        prompt="A warmup-then-cosine run was checkpointed at update 30 and resumed (log scale; grey uninterrupted, red "
               "resumed). All three state dicts (model, optimizer, scheduler) were loaded. Which bug?",
        options=[
            right("The scheduler was built after optimizer.load_state_dict: building it wrote f(0) over the restored "
                  "rate, and scheduler.load_state_dict restores the counters, not the rate.",
                  "The chainable cosine then continues from the wrong value for the rest of the run. Build all three "
                  "objects as at the start, then load the three state dicts."),
            wrong("The scheduler's state dict was not restored.",
                  "Then the schedule would be replayed from update 0 (a climbing warmup); here the counters are right "
                  "and only the level is wrong."),
            wrong("The optimizer's state was not restored.",
                  "The optimizer's state does not hold the schedule's position; losing it would leave the trace unchanged."),
            wrong("eta_min was changed at the resume.",
                  "A new eta_min would move the end of the curve, not drop the rate tenfold at once."),
        ]),
    choice(
        "warmup.curve-zero-for-an-epoch", kind="curve", topic="warmup", notebook=N03, section="1 · Why warm up at all",
        picture="warmup_from_zero_per_epoch",
        prompt="A LambdaLR warmup to 0.02, 6 epochs of 32 batches. The training loss (right) does not move during the "
               "whole first epoch. Which bug?",
        options=[
            right("The warmup is stepped per epoch: its first value, 0, is used for the whole first epoch, and the ramp "
                  "becomes a staircase over 5 epochs.",
                  "A warmup is counted in updates; stepped per epoch with a start at 0, the first epoch trains at "
                  "learning rate 0. Step it after every batch with W counted in updates."),
            wrong("The data loader does not shuffle.",
                  "The order of the batches changes the noise, not a flat loss over a whole epoch; the rate panel shows 0."),
            wrong("The gradients are zero at initialization.",
                  "They are not: the loss falls as soon as the rate is above 0, in the second epoch."),
            wrong("scheduler.step() is called before optimizer.step().",
                  "That would skip f(0) = 0 and start at f(1): the opposite of a long stretch at 0."),
        ]),
    choice(
        "warmup.curve-nan-in-warmup", kind="curve", topic="warmup", notebook=N03, section="1 · Why warm up at all",
        picture="nan_in_warmup",
        prompt="Full-batch gradient descent on a linear regression with a linear warmup over 200 updates. The loss "
               "falls, then explodes in the middle of the warmup and is NaN at update 121. The dashed line is this "
               "problem's stability limit 2/λ_max. What is wrong, and what fixes it?",
        options=[
            right("The peak is above the stability limit: the loss starts to grow once the warmup's rate crosses "
                  "2/λ_max (about update 50). Lower the peak; a longer warmup only delays the NaN.",
                  "Warmup helps when the limit rises during the first updates (sharpness often falls early); on this "
                  "quadratic the limit is fixed, so no warmup makes this peak stable."),
            wrong("The warmup is too short: make it longer.",
                  "A longer warmup reaches the same too-high peak later; the rate still crosses the limit."),
            wrong("A bad batch at update 80: skip it.",
                  "This is full-batch gradient descent, every update sees the same data; the growth starts where the "
                  "rate crosses the limit and is geometric."),
            wrong("Adam's bias correction is missing.",
                  "This run is plain gradient descent; and bias correction shapes Adam's first updates, not the middle "
                  "of a warmup."),
        ]),
    choice(
        "adam.curve-loss-jump-after-resume", kind="curve", topic="adam", notebook=N04,
        section="2 · Adam's moment estimates and their bias correction", picture="loss_jump_after_resume",
        prompt="An Adam run was checkpointed at update 200 and resumed. Left: the learning rate of both runs; right: "
               "the training loss (grey uninterrupted, red resumed). What did the checkpoint lose?",
        options=[
            right("The optimizer's state: a fresh Adam restarts t at 1 with m = v = 0, so its first steps move every "
                  "weight by about lr, whatever the gradient.",
                  "The identical rate rules out the scheduler. Save optimizer.state_dict() with the checkpoint, or warm "
                  "up again after a reset (notebook 04)."),
            wrong("The scheduler's state: the rate started over.",
                  "The left panel shows the same rate in both runs."),
            wrong("The model's weights.",
                  "Then the loss would jump back to its initial value (tens here) and take a hundred updates to recover."),
            wrong("The data loader's position, so batches repeat.",
                  "Repeating batches changes the noise of the steps, not their size: it cannot make the loss jump "
                  "sixfold at once."),
        ]),
    choice(
        "scaling.curve-double-batch-divergence", kind="curve", topic="scaling", notebook=N08, section="2 · Batch size: the linear and the square-root rule",
        picture="double_batch_divergence",
        prompt="A linear regression trained by SGD with batch 32 at rate η (grey). Doubling the batch to 64 and the rate "
               "to 2η by the linear scaling rule (red) diverges: NaN after about 160 updates. With 1.41η (dashed) it "
               "trains. Why?",
        options=[
            right("2η is above the stability limit 2/λ_max of the loss, which does not grow with the batch: the linear "
                  "rule holds only while the rate stays well below that limit.",
                  "Here η = 0.6 × 2/λ_max, so 2η = 1.2 × the limit. A larger batch lowers the gradient noise, not the "
                  "curvature."),
            wrong("The larger batch has more gradient noise.",
                  "It has less: the variance of a minibatch gradient falls as 1/batch."),
            wrong("The linear rule is Adam's, not SGD's.",
                  "The linear rule is SGD's (Goyal et al., 2017), the square-root rule Adam's. It fails here because of "
                  "the limit."),
            wrong("A warmup to 2η would have fixed it.",
                  "Not here: the limit is fixed, so reaching 2η slowly still crosses it. Warmup helps when the limit "
                  "grows during the first updates."),
        ]),
    choice(
        "pytorch.curve-plateau-never-reduces", kind="curve", topic="pytorch", notebook=N07,
        section="The trap: negative metrics in `\"rel\"` mode", picture="plateau_never_reduces",
        prompt="ReduceLROnPlateau(mode='min', factor=0.5, patience=3), other arguments at their defaults, gets the "
               "validation loss on the left, flat from epoch 10. The rate (red) is never cut; grey is what was "
               "expected. Why?",
        options=[
            right("The loss is negative and threshold_mode is 'rel': an improvement means below best × (1 − 1e-4), "
                  "which for a negative best lies above it, so a flat value counts as an improvement every time.",
                  "Use threshold_mode='abs', or pass a positive quantity."),
            wrong("patience = 3 is too long for 30 epochs.",
                  "Twenty flat epochs are plenty: the grey rate is cut every 4 epochs."),
            wrong("mode should be 'max'.",
                  "A loss should go down, so 'min' is right; with 'max' its falling part would already count as bad."),
            wrong("cooldown is on by default.",
                  "cooldown defaults to 0."),
        ]),
    choice(
        "range-test.curve-reading", kind="curve", topic="range-test", notebook=N10,
        section="5 · Reading the curve: `suggest_lr`", picture="range_test_reading", shuffle=False,
        prompt="An LR range test of a small MLP (SGD with momentum 0.9): smoothed loss against the learning rate, on a "
               "log axis. Which labelled point is torch-lr-finder's suggestion, the steepest descent of the smoothed "
               "curve?",
        options=[
            wrong("point A", "A is the flat start: rates too small to change the loss at all."),
            right("point B", "B is where the loss falls fastest per decade (argmin of np.gradient, the first 10 and "
                             "last 5 points skipped): well below the largest rate that still trains."),
            wrong("point C", "C is the minimum of the smoothed loss: the loss has stopped improving there, and the "
                             "smoothing's lag places it even later. The other common reading takes one decade below it."),
            wrong("point D", "D is the last point: the smoothed loss crossed 5 × its best and the test stopped. "
                             "Training is unstable there."),
        ]),
]

SYMPTOMS = [
    choice(
        "pytorch.debug-plateau-without-metric", kind="debugging", topic="pytorch", notebook=N07, section="7 · Find the bug",
        prompt="A loop calls scheduler.step() at the end of every epoch and fails there with `TypeError: "
               "ReduceLROnPlateau.step() missing 1 required positional argument: 'metrics'`. The fix?",
        options=[
            right("Pass the monitored value: scheduler.step(val_loss).",
                  "The quiet variant of this bug passes the last batch's training loss: it runs, but judges plateaus "
                  "on one noisy batch per epoch."),
            wrong("Call scheduler.step() after every batch instead.",
                  "Still without a metric: the same TypeError, once per batch."),
            wrong("Call scheduler.step(epoch).",
                  "The epoch number would be taken as the metric: a number that grows is never an improvement, so "
                  "the rate would be cut every patience + 1 epochs."),
            wrong("Build it with patience=0, which needs no metric.",
                  "Every ReduceLROnPlateau.step() needs the metric; patience is how many bad epochs it tolerates."),
        ]),
    choice(
        "cyclical.debug-one-cycle-total-steps", kind="debugging", topic="cyclical", notebook=N07, section=UNITS,
        prompt="`OneCycleLR(optimizer, max_lr=0.1, total_steps=len(loader))` in a 10-epoch run, stepped after every "
               "batch, fails at the first batch of the second epoch with `ValueError: Tried to step 391 times. The "
               "specified number of total steps is 390`. What is wrong?",
        options=[
            right("total_steps counts one epoch; it must count every optimizer update of the run: epochs × len(loader), "
                  "or epochs=10, steps_per_epoch=len(loader).",
                  "OneCycleLR refuses to run past its end, which catches the unit error, late but loudly."),
            wrong("OneCycleLR must be stepped once per epoch.",
                  "It is defined per update; stepped per epoch, the rate would stay near initial_lr for the whole run."),
            wrong("With gradient accumulation the count doubles.",
                  "Accumulation gives fewer optimizer steps than batches, not more; here the schedule simply ran out."),
            wrong("max_lr is too high.",
                  "The error is about the number of steps, not the rate."),
        ]),
    choice(
        "cyclical.debug-cyclic-momentum", kind="debugging", topic="cyclical", notebook=N06, section="1 · Cyclical learning rates",
        prompt="You add CyclicLR to a plain SGD(lr=0.01) with no momentum, and training changes more than the rates "
               "explain. The param group now shows momentum 0.9, then 0.8 at the peak. Why?",
        options=[
            right("cycle_momentum=True, the default, turns momentum on and cycles it between max_momentum = 0.9 and "
                  "base_momentum = 0.8. Pass cycle_momentum=False to cycle the rate alone.",
                  "It also overwrites the optimizer's lr with base_lr at construction; with Adam it cycles β1."),
            wrong("CyclicLR overwrote the learning rate with base_lr.",
                  "It does, but that does not explain a momentum appearing."),
            wrong("SGD turns momentum on when a scheduler is attached.",
                  "SGD does nothing of the kind; CyclicLR writes group['momentum']."),
            wrong("This happens only with Adam.",
                  "With Adam it cycles β1; with SGD, the momentum."),
        ]),
    choice(
        "warmup.debug-noam-zero-division", kind="debugging", topic="warmup", notebook=N03,
        section="4 · The inverse-square-root (\"Noam\") schedule of the original Transformer",
        prompt="Your Noam schedule, `d_model ** -0.5 * min(step ** -0.5, step * warmup ** -1.5)` with warmup = 4000, "
               "raises ZeroDivisionError at the very first update. Why?",
        options=[
            right("step is the 0-based update index, and 0 ** −0.5 divides by zero: the paper's step_num counts from 1, "
                  "so use s = step + 1.",
                  "Off by one, and the peak then lands at update warmup − 1."),
            wrong("warmup is 0.", "warmup is 4000 here; the zero is step."),
            wrong("d_model is an integer.", "Python raises an integer to −0.5 without trouble (512 ** −0.5 = 0.0442)."),
            wrong("min() cannot compare infinity.", "0 ** −0.5 raises before min() is called."),
        ]),
    choice(
        "cyclical.debug-one-cycle-start", kind="debugging", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
        prompt="With `SGD(lr=0.1)` and `OneCycleLR(optimizer, max_lr=0.1, total_steps=1000)`, the first update uses 0.004. Why?",
        options=[
            right("OneCycleLR ignores the optimizer's lr and starts at initial_lr = max_lr / div_factor = 0.1 / 25.",
                  "It ends at initial_lr / final_div_factor = 4e-7."),
            wrong("It scales the optimizer's lr by 1/25 like a LambdaLR.",
                  "It ignores the optimizer's lr entirely: with SGD(lr=1.0) the start would still be 0.004."),
            wrong("The scheduler is one step ahead.",
                  "Shifted by one update, the first value would be just above 0.004, not near the optimizer's 0.1."),
            wrong("pct_start = 0.3 scales the first rate.",
                  "pct_start sets where the peak is, not where the cycle starts."),
        ]),
    choice(
        "restarts.debug-log-cycle", kind="debugging", topic="restarts", notebook=N05,
        section="4 · The exact cycle: let integers decide",
        prompt="Your SGDR finds the cycle with `int(math.log(k * (m - 1) / T_0 + 1, m))`. With T_0 = 1 and T_mult = 3, "
               "update 121 gets eta_min, although a restart happens there. Why?",
        options=[
            right("math.log(243, 3) is 4.999999999999999: int() gives cycle 4, and update 121 is taken as T_cur = T_i = "
                  "81, the end of cycle 4, instead of the start of cycle 5.",
                  "Find the cycle with integers (subtract cycle lengths, or compare T_0 (m^i − 1)/(m − 1) with k)."),
            wrong("Restarts happen after b_i, not at it.",
                  "The restart is at b_i = 121 with T_cur = 0 (base_lr)."),
            wrong("T_mult must be 2.", "Any integer T_mult >= 1 works."),
            wrong("eta_min is used at the end of every cycle.",
                  "At an integer step it never is (T_cur <= T_i − 1); only the wrong cycle makes T_cur = T_i here."),
        ]),
    choice(
        "pytorch.debug-gradient-accumulation", kind="debugging", topic="pytorch", notebook=N07, section=UNITS,
        prompt="With gradient accumulation over 4 batches you call optimizer.step() every 4 batches, but "
               "scheduler.step() after every batch, and OneCycleLR has total_steps = epochs × len(loader) // 4. What "
               "happens?",
        options=[
            right("The schedule runs 4 times too fast, and OneCycleLR raises ValueError a quarter of the way through. "
                  "Step the scheduler where you step the optimizer.",
                  "An update is an optimizer.step(); the Hugging Face Trainer steps its scheduler there."),
            wrong("Nothing: schedulers count optimizer steps by themselves.",
                  "They count their own step() calls."),
            wrong("The rate is divided by 4.",
                  "Accumulation changes the gradient (summed or averaged), never group['lr']."),
            wrong("The warmup becomes 4 times longer.",
                  "Reversed: it passes 4 times faster."),
        ]),
    choice(
        "conventions.debug-logging-after-step", kind="debugging", topic="conventions", notebook=N00,
        section="2 · The step convention",
        prompt="You log `scheduler.get_last_lr()[0]` at the end of each iteration, after optimizer.step() and "
               "scheduler.step(). With StepLR(step_size=30) the first decayed value appears at iteration 29 "
               "(0-based). Is the schedule wrong?",
        options=[
            right("No: after k + 1 calls get_last_lr() is f(k + 1), so the value logged at the end of iteration 29 is "
                  "the rate of update 30. Log group['lr'] before optimizer.step().",
                  "Update 30 (the 31st) is the first decayed one, as the step convention says."),
            wrong("Yes: StepLR decays one update early.",
                  "It decays at update 30 exactly; the log is one iteration ahead."),
            wrong("Yes: get_last_lr() returns the rate of the previous update.",
                  "It returns the rate the next optimizer.step() will use."),
            wrong("It depends on the optimizer's momentum.",
                  "Momentum does not change the learning rate."),
        ]),
    choice(
        "conventions.debug-constant-lr", kind="debugging", topic="conventions", notebook=N00,
        section="5 · In practice, and a first pitfall",
        prompt="You wanted a constant learning rate and wrote `ConstantLR(optimizer)`. The first 5 updates use a third "
               "of the rate. Why?",
        options=[
            right("ConstantLR multiplies the rate by factor = 1/3 for the first total_iters = 5 updates, then returns "
                  "to base_lr: it is a crude warmup. A constant rate needs no scheduler at all.",
                  "Hugging Face's get_constant_schedule is the constant one."),
            wrong("A bug: ConstantLR should keep base_lr.", "It does what its documentation says, with those defaults."),
            wrong("ConstantLR divides by the number of param groups.", "Each group is scaled by the same factor."),
            wrong("The scheduler was stepped before the optimizer.",
                  "That would skip one value, not scale five of them."),
        ]),
]

ITEMS = tuple(CURVES + SYMPTOMS)
