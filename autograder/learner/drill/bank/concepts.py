"""*Why* and *trade-off* questions: choice items, every option with the reason it is right or wrong.

Figures quoted here are those of the notebooks (which cite their sources) or are cited in place.
"""
from __future__ import annotations

from ..items import choice, right, wrong

N01, N02, N03, N04 = "01-step-decay", "02-cosine-annealing", "03-warmup", "04-adam-warmup-rationale"
N05, N06, N07, N08, N10 = ("05-sgdr", "06-cyclical-and-one-cycle", "07-schedules-in-pytorch",
                           "08-choosing-a-schedule", "10-lr-range-test-mnist")

# --- why -----------------------------------------------------------------------------------------------

WHY = [
    choice(
        "adam.why-warmup", kind="why", topic="adam", notebook=N04,
        section="3 · Bias correction fixes the mean of $\\hat v_t$, not its spread",
        prompt="Adam already divides its moment estimates by 1 − β^t (bias correction). Why does it still need a warmup?",
        options=[
            right("In the first updates v̂_t is an average of only about t squared gradients: the adaptive rate "
                  "1/√v̂_t has a huge variance, and every coordinate moves by about lr whatever its gradient.",
                  "Bias correction fixes the mean of v̂_t at every t, not its spread. Adam's first update is "
                  "−lr · sign(g₁): full length in every coordinate, at the random initialization. Small early rates "
                  "tame exactly those steps (RAdam does it with its rectifier)."),
            wrong("Bias correction over-corrects: it makes the first steps far too small, and warmup compensates.",
                  "The opposite: without the correction the first step would be (1 − β1)/√(1 − β2) ≈ 3.2 lr for the "
                  "defaults; with it, exactly lr in each coordinate. The steps are too large, not too small."),
            wrong("Only m_t is biased in the first steps, towards zero.",
                  "m̂_t = m_t / (1 − β1^t) is unbiased from t = 1 on, and a bias towards zero would shrink the steps, "
                  "which needs no warmup."),
            wrong("Warmup is needed only when Adam uses weight decay.",
                  "The variance of the early adaptive rate has nothing to do with weight decay; notebook 04's "
                  "experiment blows up without warmup and without any weight decay."),
        ]),
    choice(
        "decay.why-drop-after-decay", kind="why", topic="decay", notebook=N01, section="1 · Why a fixed learning rate fails",
        picture="loss_drop_after_decay",
        prompt="Minibatch SGD on a linear regression, three ways (mean of 3 seeds): a constant high rate, a constant "
               "low rate, and a step decay ÷10 at update 200. Right after the decay the loss falls more than tenfold "
               "within a hundred updates, then flattens again. Why?",
        options=[
            right("Near a minimum, SGD jitters in a region whose size grows with the learning rate. Cutting the "
                  "rate shrinks that region at once, and the loss falls to the new, lower noise floor.",
                  "For a quadratic with gradient noise the stationary variance is about ησ²/(2a): proportional to η. "
                  "The decay does not find a new minimum; it stops bouncing around the one it is in."),
            wrong("The smaller rate lets the optimizer escape a local minimum.",
                  "Escaping a basin needs larger steps, not smaller ones; the drop is settling deeper into the same basin."),
            wrong("A smaller learning rate makes the gradients larger.",
                  "The gradient does not depend on the learning rate; only the step η·g gets smaller."),
            wrong("StepLR resets the optimizer's momentum buffers at every decay.",
                  "Schedulers only write group['lr']; momentum buffers are untouched."),
        ]),
    choice(
        "decay.why-noise-floor", kind="why", topic="decay", notebook=N01, section="1 · Why a fixed learning rate fails",
        prompt="SGD on L(w) = a w²/2 with gradient noise of variance σ² settles at a stationary variance "
               "ησ² / (a (2 − ηa)). For ηa ≪ 1, what does halving the learning rate do to this noise floor?",
        options=[
            right("It halves it: the floor is proportional to η.",
                  "≈ ησ²/(2a). Each update adds noise of variance η²σ² but also contracts w by (1 − ηa); the balance "
                  "of the two is proportional to η. Only η → 0 removes the floor: why SGD needs a decay."),
            wrong("It divides it by four: the noise added per update scales with η².",
                  "The noise per update does scale with η², but the contraction per update, about 2ηa, scales with "
                  "η too: their ratio is ∝ η."),
            wrong("Nothing: the floor is set by the noise of the data alone.",
                  "σ² sets its scale, but the floor is ησ²/(2a): the learning rate multiplies it."),
            wrong("It doubles it: a smaller rate needs more updates, and each adds noise.",
                  "Noise does not pile up without bound: every update also pulls w back by (1 − ηa). The stationary "
                  "balance is lower for the smaller rate, it only takes longer to reach."),
        ]),
    choice(
        "cyclical.why-momentum-inverse", kind="why", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
        prompt="One-cycle lowers the momentum (0.95 → 0.85) while the learning rate rises, and raises it again as "
               "the rate falls. Why?",
        options=[
            right("With momentum β a steady gradient gives steps that approach ηg/(1 − β): lowering β while η climbs "
                  "keeps the effective step in check, and a high β speeds up the end, when η is small.",
                  "Smith (2018): the effective rate is about η/(1 − β), and the two are moved to balance each other."),
            wrong("High momentum is unstable at small learning rates.",
                  "The risk is the product η/(1 − β): high momentum is dangerous together with a large rate, and "
                  "harmless, even helpful, at small ones."),
            wrong("PyTorch requires the momentum to mirror the learning rate for numerical stability.",
                  "It is a choice, on by default (cycle_momentum=True); with cycle_momentum=False the scheduler runs "
                  "just as well."),
            wrong("The low momentum adds noise that regularizes, so weight decay can be dropped.",
                  "Smith & Topin suggest less weight decay because the large *rates* regularize; the momentum cycle "
                  "is about the size of the effective step."),
        ]),
    choice(
        "warmup.why-wsd-unknown-length", kind="why", topic="warmup", notebook=N03, section="5 · Warmup–stable–decay (WSD)",
        prompt="Why does warmup–stable–decay suit a run whose length is not known in advance?",
        options=[
            right("It holds the peak without reference to the end and decays only in a short cooldown: when you "
                  "decide to stop, branch a cooldown off the latest checkpoint of the constant-rate run.",
                  "One long run serves many lengths (Hu et al., 2024; Hägele et al., 2024), whereas a cosine "
                  "needs T from update 0 on."),
            wrong("Its 1-sqrt decay shape adapts to the number of steps left.",
                  "The shape is fixed, and its length D is chosen when the cooldown starts; WSD adapts because the "
                  "decay can start whenever you want."),
            wrong("It restarts the rate periodically, so every point is close to the end of a cycle.",
                  "That is SGDR's anytime property (notebook 05); WSD has one constant phase and one final decay."),
            wrong("It needs no warmup, so it can start at any step.",
                  "It starts with a warmup (the W of WSD); the unknown is the end of the run, not its start."),
        ]),
    choice(
        "cosine.why-flat-ends", kind="why", topic="cosine", notebook=N02, section="1 · Cosine annealing: half a period of a cosine",
        prompt="Why does cosine annealing change the rate slowly at both ends of the run and fastest in the middle?",
        options=[
            right("Its slope is −(η0 − η_min) (π / 2T) sin(πk/T): zero at k = 0 and at k = T, steepest at T/2.",
                  "Half a period of a cosine leaves and arrives with zero slope; at T/2 the slope is π/2 ≈ 1.57 "
                  "times that of the straight line between the same end points."),
            wrong("It spends a higher average learning rate than linear decay.",
                  "Both average exactly (η0 + η_min)/2, since c(x) + c(π − x) = 1: the cosine moves updates towards "
                  "the top and the bottom, it does not spend more."),
            wrong("PyTorch clamps the rate near both ends.",
                  "PyTorch does not clamp at all (it is periodic past T_max); the flat ends are the cosine's own shape."),
            wrong("Its slope is proportional to the current rate, as in exponential decay.",
                  "Exponential decay has a slope ∝ η, steepest at the start; the cosine's slope is ∝ sin(πk/T), zero "
                  "at the start."),
        ]),
    choice(
        "pytorch.why-linearlr-zero", kind="why", topic="pytorch", notebook=N03, section="2 · Linear warmup",
        prompt="`LinearLR(optimizer, start_factor=0.0, total_iters=W)` raises ValueError. Why, and what gives a "
               "warmup from exactly 0?",
        options=[
            right("LinearLR is chainable: each step multiplies the current rate by a ratio of factors, and a rate "
                  "that starts at 0 stays 0. Use LambdaLR(optimizer, lambda k: min(1, k / W)).",
                  "PyTorch rejects start_factor <= 0 for that reason; a LambdaLR multiplies the initial rate by any "
                  "function of k, 0 included."),
            wrong("A learning rate of 0 would make Adam divide by zero.",
                  "The rate multiplies Adam's step; its division is by √v̂ + ε, which lr does not touch."),
            wrong("It does not raise: it silently falls back to its default start_factor of 1/3.",
                  "It raises ValueError; 1/3 is only the default when you pass nothing."),
            wrong("LinearLR counts from 1, so a zero factor would leave the first rate undefined.",
                  "LinearLR counts from 0 (update 0 uses start_factor × base_lr); the problem is multiplying a zero rate."),
        ]),
    choice(
        "pytorch.why-lambda-multiplies", kind="why", topic="pytorch", notebook=N07, section="2 · Any pure schedule as a `LambdaLR`",
        prompt="`SGD(lr=0.1)` with `LambdaLR(optimizer, lambda k: warmup_cosine_lr(k, 0.1, 100, 1000))`, a function "
               "that returns learning rates, trains with every rate 10 times too small. Why?",
        options=[
            right("LambdaLR multiplies: the rate of update k is initial_lr · λ(k). λ must return f(k) / initial_lr.",
                  "Here every rate is 0.1 × f(k). The initial_lr is set by the first scheduler on that optimizer."),
            wrong("LambdaLR evaluates λ at k + 1.",
                  "It uses λ(k) after k calls of step(); an off-by-one would shift the curve, not scale it."),
            wrong("LambdaLR multiplies the previous rate by λ(k), so the factors compound.",
                  "That is MultiplicativeLR. LambdaLR multiplies the initial rate, so nothing compounds."),
            wrong("SGD's default dampening scales the learning rate.",
                  "dampening (0 by default) scales the gradient added to the momentum buffer; SGD never changes "
                  "group['lr']."),
        ]),
    choice(
        "restarts.why-rare-in-llms", kind="why", topic="restarts", notebook=N05,
        section="7 · In practice: where restarts are used, and why LLMs rarely restart",
        prompt="Warm restarts (SGDR) are rare in LLM pretraining though useful elsewhere. Why?",
        options=[
            right("The run's length is fixed in advance and only the final model matters: each restart sends the "
                  "loss back up and the next cycle must win it back.",
                  "Restarts pay off when you want a usable model at many points or diverse snapshots to ensemble. "
                  "Chinchilla found a single cosine matched to the run best; WSD now gives the anytime property."),
            wrong("Restarts do not work with Adam.",
                  "They work with any optimizer; the reason is the cost of each restart in a run of known length."),
            wrong("A restart to the peak rate makes transformers diverge.",
                  "The peak was stable before; a restart wastes progress, it is not more dangerous than the first cycle."),
            wrong("PyTorch's CosineAnnealingWarmRestarts misplaces restarts because of a float logarithm.",
                  "Only step(epoch) with fractional epochs uses the logarithm; the integer step() is exact. That is "
                  "not why LLMs avoid restarts."),
        ]),
    choice(
        "adam.why-radam-first-steps", kind="why", topic="adam", notebook=N04, section="5 · The rectifier $r_t$",
        prompt="What does PyTorch's `torch.optim.RAdam` do in its first updates, while ρ_t ≤ 5?",
        options=[
            right("It drops the adaptive term and takes a momentum-SGD step, param −= lr · m̂_t.",
                  "It does not trust v̂_t yet, so the step follows the gradient's scale instead of Adam's unit scale "
                  "(the paper switches at ρ_t > 4, PyTorch at 5)."),
            wrong("Nothing: the parameters stay frozen until ρ_t > 5.",
                  "That is the authors' code with degenerated_to_sgd=False; PyTorch takes a momentum step."),
            wrong("A normal bias-corrected Adam step.",
                  "The adaptive term is switched off in that phase: that is the point of the rectification."),
            wrong("It warms the learning rate up linearly over 2/(1 − β2) updates.",
                  "That is Ma & Yarats' untuned warmup, applied by a scheduler; RAdam has no schedule."),
        ]),
    choice(
        "range-test.why-smoothed-shift", kind="why", topic="range-test", notebook=N10, section="3 · Smoothing the loss",
        prompt="In an LR range test, the minimum and the steepest point of the smoothed loss sit at larger learning "
               "rates than those of the raw loss. Why?",
        options=[
            right("The exponential average lags the raw loss by about (1 − f)/f iterations (19 for f = 0.05), while "
                  "the rate grows at every iteration: each feature shows up later, at a larger rate.",
                  "With the default sweep (12.4 iterations per decade) 19 iterations are about 1.5 decades."),
            wrong("Smoothing removes the noise that hid the true minimum, which is at a larger rate.",
                  "The shift is systematic: any exponential average lags, with or without noise."),
            wrong("torch-lr-finder starts the average at 0, which biases the early points low.",
                  "It starts at the first loss (s₀ = l₀); a start at 0 would make a rising start, not a shifted minimum."),
            wrong("The learning rates are smoothed too.",
                  "Each point keeps its own learning rate; only the loss is averaged, which is why features move right."),
        ]),
    choice(
        "warmup.why-large-batch", kind="why", topic="warmup", notebook=N03, section="1 · Why warm up at all",
        prompt="Goyal et al. (2017) trained ResNet-50 with batches of 8192 images at the learning rate 3.2 (0.1 per "
               "256 images). What did warmup do there?",
        options=[
            right("Starting directly at 3.2 left the model about a point worse than the small-batch baseline; a "
                  "gradual warmup from 0.1 over the first 5 epochs, raised at every iteration, matched it.",
                  "Early updates are the unstable ones; the warmup reaches the linearly scaled rate safely."),
            wrong("Nothing: the linear scaling rule alone matched the baseline.",
                  "Without the warmup the large-batch run was about a point worse."),
            wrong("They raised the rate once per epoch, a staircase over 5 epochs.",
                  "They raised it at every iteration; a per-epoch staircase is the classic bug."),
            wrong("It let them go above the linear rule, to 6.4.",
                  "The target was the linear rule's 3.2; the warmup is how they got there."),
        ]),
    choice(
        "pytorch.why-build-before-load", kind="why", topic="pytorch", notebook=N07,
        section="6 · Checkpoint and resume with an identical schedule",
        prompt="When resuming a run, why build the scheduler *before* calling `optimizer.load_state_dict`?",
        options=[
            right("Building a scheduler writes f(0) into the param groups. Built first, that value is then replaced "
                  "by the restored rate; built after the load, it overwrites the restored rate, and "
                  "scheduler.load_state_dict restores the counters but not the rate.",
                  "A chainable schedule then continues from the wrong value for the rest of the run (experiment D "
                  "of notebook 07)."),
            wrong("The scheduler's state dict contains the optimizer's state.",
                  "It holds only its own counters (last_epoch, base_lrs, ...); the optimizer's state is separate."),
            wrong("The order does not matter as long as all three state dicts are loaded.",
                  "Experiment D of notebook 07 loads all three and still gets a different schedule."),
            wrong("PyTorch raises an error when the order is wrong.",
                  "Nothing is raised or printed; the schedule is silently wrong."),
        ]),
    choice(
        "range-test.why-exponential-sweep", kind="why", topic="range-test", notebook=N10, section="2 · The exponential sweep",
        prompt="Why does an LR range test raise the rate by a constant factor per iteration rather than by a "
               "constant amount?",
        options=[
            right("Useful rates span many decades: a constant factor gives every decade the same number of points "
                  "(12.4 per decade from 1e-7 to 10 in 100 iterations).",
                  "A linear sweep over that range is at 0.1 by its second point: the decades where the usable range "
                  "of most models begins get one point between them."),
            wrong("It is the only way to end exactly at end_lr.",
                  "A linear sweep ends at end_lr too."),
            wrong("The loss is an exponential function of the learning rate.",
                  "There is no such law; the reason is the log-spaced range of plausible rates."),
            wrong("PyTorch has no linear scheduler to drive it.",
                  "LinearLR exists; the choice is about resolution per decade."),
        ]),
    choice(
        "warmup.why-post-ln", kind="why", topic="warmup", notebook=N04, section="6 · Untuned warmup: $2/(1-\\beta_2)$ updates",
        prompt="Transformers often warm up far longer than Adam's own 2/(1 − β2) updates (4000 for the original "
               "Transformer with β2 = 0.98). Which reason is documented?",
        options=[
            right("The original Post-LN Transformer has large gradients near the output layer at initialization, so "
                  "a large rate diverges there without warmup; Pre-LN Transformers train well without it.",
                  "Xiong et al. (2020). The untuned rule covers Adam's statistics; the architecture, large batches "
                  "and sharp early curvature add their own reasons."),
            wrong("Longer warmups compensate for β2 = 0.98 being too low.",
                  "A lower β2 shortens Adam's part of the warmup (100 updates for 0.98), it does not lengthen it."),
            wrong("Attention layers have no bias correction.",
                  "Bias correction is part of the optimizer, applied to every parameter alike."),
            wrong("The inverse-square-root decay needs a warmup at least as long as the decay.",
                  "The decay has no length; the warmup only sets where the peak is (and how high)."),
        ]),
]

# --- trade-offs -------------------------------------------------------------------------------------------

TRADE_OFFS = [
    choice(
        "warmup.tradeoff-unknown-length", kind="trade-off", topic="warmup", notebook=N03, section="5 · Warmup–stable–decay (WSD)",
        prompt="You must start a pretraining run now; the compute you get may end it after 50 %, 80 % or 100 % of the "
               "planned steps. Which schedule wastes the least?",
        options=[
            right("Warmup–stable–decay: hold the peak, and branch a short cooldown off the last checkpoint once the "
                  "end is known.",
                  "Hägele et al. (2024) found a constant rate with a short cooldown matches a cosine of the same length, "
                  "and the cooldown can start whenever you stop."),
            wrong("Warmup + cosine planned for 100 % of the steps.",
                  "If the run stops at 50 %, the rate is still at half the peak: you never had the low-rate phase that "
                  "gives a finished cosine its final loss."),
            wrong("Warmup + cosine planned for 50 %, then train on at eta_min.",
                  "The rest of the budget runs at a rate too small to make progress: the extra compute is wasted."),
            wrong("SGDR with T_mult = 2, stopping at the last cycle end before the deadline.",
                  "Cycle ends are far apart (T_0 (2^n − 1)): the last one may come long before the deadline, and every "
                  "restart costs loss."),
        ]),
    choice(
        "cyclical.tradeoff-one-cycle-vs-cosine", kind="trade-off", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
        prompt="Which statement about one-cycle and warmup + cosine is accurate?",
        options=[
            right("Both warm up, then anneal. One-cycle starts at max_lr/div_factor, ends orders of magnitude below its "
                  "start and cycles momentum inversely; it suits short budgets with a max_lr from a range test, while "
                  "warmup + cosine is the AdamW / transformer default.",
                  "OneCycleLR works with Adam too (it cycles β1); the difference is the recipe around it."),
            wrong("One-cycle cannot be used with Adam.",
                  "OneCycleLR works with Adam and AdamW and cycles their β1 (0.95 → 0.85 → 0.95)."),
            wrong("Warmup + cosine ends at max_lr / div_factor / final_div_factor.",
                  "That is one-cycle's last rate; warmup + cosine ends at eta_min (0 in Hugging Face)."),
            wrong("One-cycle needs the length of training; warmup + cosine does not.",
                  "Both need it: total_steps for OneCycleLR, num_training_steps for the cosine."),
        ]),
    choice(
        "cosine.tradeoff-zero-vs-floor", kind="trade-off", topic="cosine", notebook=N02, section="In practice: cosine annealing",
        prompt="Decay the learning rate to zero, or to a floor such as 10 % of the peak?",
        options=[
            right("A floor keeps the last updates moving the weights and leaves room to train on; decaying to zero "
                  "gives the lowest noise at the end of a fixed budget. Which wins is measured, not assumed.",
                  "GPT-3 and LLaMA decayed to 10 % of the peak; Bergsma et al. (ICLR 2025, \"Straight to Zero\") found "
                  "linear decay to zero better for compute-optimal LLM runs. Decide with your own runs."),
            wrong("Always decay to exactly 0: a floor only wastes compute.",
                  "At 0 the last updates do not move the weights at all, and a run that must continue has nowhere to go."),
            wrong("eta_min only matters for SGD; Adam ignores it.",
                  "eta_min sets group['lr'] for every optimizer."),
            wrong("A floor is required because PyTorch's cosine divides by eta_min.",
                  "There is no such division; eta_min defaults to 0."),
        ]),
    choice(
        "scaling.tradeoff-batch-size", kind="trade-off", topic="scaling", notebook=N08, section="2 · Batch size: the linear and the square-root rule",
        prompt="You double the batch size of a recipe that works. What is sound advice for the learning rate?",
        options=[
            right("Scale it (linearly for SGD, about √2 for Adam), warm up to the new peak, and stop trusting the rule "
                  "near the stability limit or past the critical batch size.",
                  "Goyal et al. (2017) scaled SGD linearly up to 8192 images with a warmup; Malladi et al. (2022) derive "
                  "the square-root rule for Adam; McCandlish et al. (2018) show that past a critical batch size "
                  "larger batches stop reducing the number of steps, and the limit 2/λ_max does not grow with the batch."),
            wrong("Keep it: the gradient is more accurate, so the same rate is best.",
                  "With half as many updates per epoch the same rate makes less progress; the rate should grow."),
            wrong("Double it for Adam too: the linear rule does not depend on the optimizer.",
                  "For Adam the square-root rule fits better (Malladi et al., 2022); the linear rule is SGD's."),
            wrong("Scale it linearly without limit: only the product rate × batch matters.",
                  "The rule breaks at large batches: stability caps the rate, and beyond the critical batch size "
                  "bigger batches buy no speed."),
        ]),
    choice(
        "scaling.tradeoff-fine-tuning", kind="trade-off", topic="scaling", notebook=N08, section="4 · Layer-wise learning rates for fine-tuning",
        prompt="You fine-tune a pretrained BERT-base on a classification task. Which setting follows published practice?",
        options=[
            right("A small peak (BERT's authors searched 5e-5, 3e-5, 2e-5 over 2 to 4 epochs), a short warmup then "
                  "linear decay, and optionally smaller rates for lower layers (layer-wise decay).",
                  "Devlin et al. (2019), appendix A.3; layer-wise decay as in ULMFiT's discriminative fine-tuning, "
                  "ELECTRA and BEiT: the new head learns fastest, the general lower layers slowest."),
            wrong("The pretraining peak (1e-4) with its 10,000-step warmup.",
                  "That is the pretraining recipe: a few thousand fine-tuning steps would spend the run warming up "
                  "towards a rate that tends to erase what pretraining learned."),
            wrong("Larger rates for the lower layers, which are furthest from the loss.",
                  "Reversed: lower layers hold general features and get smaller rates; the freshly initialized head "
                  "gets the largest."),
            wrong("No schedule: fine-tuning runs are too short for one to matter.",
                  "Warmup and decay matter in short runs too; Hugging Face's Trainer decays linearly by default."),
        ]),
    choice(
        "cosine.tradeoff-step-vs-cosine", kind="trade-off", topic="cosine", notebook=N02, section="In practice: cosine annealing",
        prompt="For a 90-epoch ImageNet ResNet run: step decay (÷10 at epochs 30, 60, 80) or cosine annealing?",
        options=[
            right("Cosine needs only the horizon, no milestones, and He et al. (2019, Bag of Tricks) report higher "
                  "ResNet-50 accuracy with it; well-placed milestones are the classic torchvision recipe and work too.",
                  "The choice is about tuning effort and a small accuracy gain, not about one being broken."),
            wrong("Cosine spends a higher average rate, so it trains faster.",
                  "Cosine and linear decay have the same average; the cosine moves updates to the top and bottom."),
            wrong("Step decay has fewer hyper-parameters.",
                  "It needs milestones and gamma; the cosine needs T_max (and eta_min)."),
            wrong("Cosine annealing cannot be stepped per epoch.",
                  "T_max counts step() calls, epochs or batches, as long as the unit matches."),
        ]),
    choice(
        "pytorch.tradeoff-plateau", kind="trade-off", topic="pytorch", notebook=N07, section="4 · `ReduceLROnPlateau` as a state machine",
        prompt="ReduceLROnPlateau or a fixed schedule?",
        options=[
            right("Plateau needs no horizon and reacts to the validation metric, but it depends on a noisy signal "
                  "checked once per epoch and on patience and threshold, and its schedule is not known in advance.",
                  "A fixed schedule is reproducible and can be planned and compared; plateau is convenient when the "
                  "length of training is open."),
            wrong("Step ReduceLROnPlateau per batch with the training loss, to react faster.",
                  "The plateau is then judged on single noisy batches: it reduces more or less at random."),
            wrong("A negative metric makes it reduce more aggressively.",
                  "In 'rel' mode a negative metric turns the threshold into a tolerance for getting worse: a flat "
                  "negative metric never reduces the rate."),
            wrong("Fixed schedules need a validation set; ReduceLROnPlateau does not.",
                  "Reversed: the plateau is detected on a metric you pass to step()."),
        ]),
    choice(
        "restarts.tradeoff-restarts", kind="trade-off", topic="restarts", notebook=N05,
        section="7 · In practice: where restarts are used, and why LLMs rarely restart",
        prompt="When are warm restarts worth their cost?",
        options=[
            right("When you want a usable model at the end of every cycle, or several snapshots to ensemble.",
                  "Snapshot Ensembles (Huang et al., 2017) save the weights at the end of each of M cycles and average "
                  "their predictions: an ensemble for the training cost of one model."),
            wrong("When the length of training is fixed and only the final model counts.",
                  "Then a single decay matched to the run is the better choice (Chinchilla)."),
            wrong("Whenever the loss plateaus: a restart always finds a better minimum.",
                  "Not always; every restart costs loss that the next cycle must recover."),
            wrong("With T_mult < 1, to make the cycles shorter over time.",
                  "PyTorch requires an integer T_mult >= 1."),
        ]),
    choice(
        "adam.tradeoff-radam-vs-warmup", kind="trade-off", topic="adam", notebook=N04,
        section="6 · Untuned warmup: $2/(1-\\beta_2)$ updates",
        prompt="RAdam, or Adam with a warmup?",
        options=[
            right("About the same: Ma & Yarats (2021) found an untuned linear warmup over 2/(1 − β2) updates performs "
                  "like RAdam. RAdam needs no schedule, the warmup needs no new optimizer.",
                  "Transformers often warm up longer for reasons beyond Adam's statistics (Post-LN gradients, large "
                  "batches); neither replaces the decay."),
            wrong("RAdam also removes the need for a learning-rate decay.",
                  "It replaces the warmup only; the decay is a separate choice."),
            wrong("Adam's warmup must last 1/(1 − β2) updates, half as long as RAdam's rectification.",
                  "The untuned linear warmup lasts 2/(1 − β2); RAdam's rectifier rises over a few times 1/(1 − β2)."),
            wrong("Warmup is only needed with SGD; Adam's bias correction replaces it.",
                  "Notebook 04: Adam's corrected first steps are full-size in every coordinate; warmup helps Adam most."),
        ]),
    choice(
        "cyclical.tradeoff-three-phase", kind="trade-off", topic="cyclical", notebook=N06, section="2 · The one-cycle policy",
        prompt="`OneCycleLR(..., three_phase=True)` versus the default two-phase layout?",
        options=[
            right("Three-phase is the paper's shape: up and back down over the same number of updates, then a short "
                  "annihilation to the minimum; two-phase (fastai's) anneals from the peak to the minimum over the rest "
                  "of the run. With three phases keep pct_start <= 0.5.",
                  "Above 0.5 the second phase ends after the last update: the third never runs and the rate never anneals."),
            wrong("Three-phase adds a warmup before the cycle.",
                  "It adds a symmetric descent back to initial_lr and a final annihilation, not a warmup."),
            wrong("Three-phase cycles the momentum three times.",
                  "Momentum mirrors the first two phases and stays at max_momentum in the third."),
            wrong("With three phases, a pct_start above 0.5 gives a longer annealing.",
                  "It gives none: the second phase would end after the last update."),
        ]),
]

ITEMS = tuple(WHY + TRADE_OFFS)
