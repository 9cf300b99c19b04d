"""Reference numbers for src/analysis/survival/tdauc.ts: scikit-survival's cumulative_dynamic_auc
(sksurv.metrics, with CensoringDistributionEstimator / reverse Kaplan-Meier from
sksurv.nonparametric) re-stated in numpy only (scikit-survival is not installable here), step by
step as the library does it, on a seeded table with tied times and tied scores.
Run: python3 scripts/reference/td_auc.py > src/analysis/survival/fixtures/tdauc-reference.json
"""
import json
import numpy as np


def km_censoring(event, time):
    # kaplan_meier_estimator(event, time, reverse=True): _compute_counts, then
    # n_at_risk -= n_events; n_events = n_censored; prob = cumprod(1 - n_events / n_at_risk)
    uniq, inv = np.unique(time, return_inverse=True)
    n_events = np.bincount(inv, weights=event.astype(float), minlength=len(uniq))
    n_total = np.bincount(inv, minlength=len(uniq)).astype(float)
    n_censored = n_total - n_events
    n_at_risk = len(time) - np.concatenate(([0.0], np.cumsum(n_total)[:-1]))
    n_at_risk = n_at_risk - n_events
    ratio = np.divide(n_censored, n_at_risk, out=np.zeros(len(uniq)), where=n_censored != 0)
    return uniq, np.cumprod(1.0 - ratio)


def censoring_predict_proba(unique_time, prob, t):
    # CensoringDistributionEstimator: unique_time_ = r_[-inf, uniq], prob_ = r_[1, prob]
    ut = np.r_[-np.inf, unique_time]
    pr = np.r_[1.0, prob]
    idx = np.searchsorted(ut, t)
    idx = np.minimum(idx, len(ut) - 1)
    exact = np.absolute(ut[idx] - t) < np.finfo(float).eps
    idx[~exact] -= 1
    return pr[idx]


def cumulative_dynamic_auc(train_event, train_time, test_event, test_time, estimate, times, tied_tol=1e-8):
    uniq, prob = km_censoring(train_event, train_time)
    ipcw = np.zeros(len(test_time))
    ipcw[test_event] = 1.0 / censoring_predict_proba(uniq, prob, test_time[test_event])
    o = np.argsort(-estimate, kind="stable")
    scores = []
    for t in times:
        tt, te, es, w = test_time[o], test_event[o], estimate[o], ipcw[o]
        is_case = (tt <= t) & te
        is_control = tt > t
        n_controls = is_control.sum()
        estimate_diff = np.concatenate(([np.inf], es))
        is_tied = np.absolute(np.diff(estimate_diff)) <= tied_tol
        cumsum_tp = np.cumsum(is_case * w)
        cumsum_fp = np.cumsum(is_control)
        tp = cumsum_tp / cumsum_tp[-1]
        fp = cumsum_fp / n_controls
        idx = np.flatnonzero(is_tied) - 1
        tp = np.r_[0, np.delete(tp, idx)]
        fp = np.r_[0, np.delete(fp, idx)]
        scores.append(float(np.sum((fp[1:] - fp[:-1]) * (tp[1:] + tp[:-1]) / 2)))
    return scores, uniq, prob


rng = np.random.default_rng(20261201)
def table(n):
    x = rng.normal(size=n)
    t_event = np.ceil(rng.exponential(12.0 * np.exp(-0.8 * x)))
    t_cens = np.ceil(rng.uniform(1, 36, size=n))
    time = np.minimum(t_event, t_cens)
    event = t_event <= t_cens
    risk = np.round(x + rng.normal(scale=0.5, size=n), 1)  # rounded: tied scores
    return time, event, risk

tr_time, tr_event, _ = table(300)
te_time, te_event, te_risk = table(200)
horizons = [3, 6, 12, 24]
aucs, uniq, prob = cumulative_dynamic_auc(tr_event, tr_time, te_event, te_time, te_risk, horizons)
print(json.dumps({
    "source": "scripts/reference/td_auc.py (numpy restatement of scikit-survival cumulative_dynamic_auc)",
    "train": {"time": tr_time.tolist(), "event": tr_event.astype(int).tolist()},
    "test": {"time": te_time.tolist(), "event": te_event.astype(int).tolist(), "risk": te_risk.tolist()},
    "horizons": horizons,
    "auc": aucs,
    "censoring": {"times": uniq.tolist(), "prob": prob.tolist()},
}))
