"""The learner side: what released notebooks import. Safe to hand out: it holds test data and
helpers, never a reference solution (those are in ``autograder.references``)."""
