#!/usr/bin/python3
"""scikit-learn LogisticRegression and XGBoost on the tables bench/models.ts writes (npm run bench:models).
Each CSV: numeric feature columns (one-hot already done, blank = missing), then y, then fold (the engine's
own 5 folds). Prints JSON per model: mean fold ROC-AUC, pooled out-of-fold PR-AUC (average precision) and Brier.
LogisticRegression(C=1) after training-fold median imputation and standardization; XGBoost as the reference
(300 trees, depth 4, lr 0.05, subsample/colsample 0.8, hist, its own missing-value handling), seed 42."""
import json, sys
import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from xgboost import XGBClassifier

out = {}
for path in sys.argv[1:]:
    data = np.genfromtxt(path, delimiter=",", skip_header=1)
    X, y, fold = data[:, :-2], data[:, -2].astype(int), data[:, -1].astype(int)
    res = {}
    for name in ("sklearn_logistic", "xgboost"):
        oof = np.zeros(len(y))
        aucs = []
        for f in range(int(fold.max()) + 1):
            tr, te = fold != f, fold == f
            if name == "xgboost":
                m = XGBClassifier(n_estimators=300, max_depth=4, learning_rate=0.05, subsample=0.8, colsample_bytree=0.8,
                                  random_state=42, n_jobs=1, tree_method="hist", eval_metric="logloss")
            else:
                m = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), LogisticRegression(C=1.0, max_iter=2000))
            m.fit(X[tr], y[tr])
            oof[te] = m.predict_proba(X[te])[:, 1]
            aucs.append(roc_auc_score(y[te], oof[te]))
        res[name] = {"rocAuc": float(np.mean(aucs)), "rocAucSd": float(np.std(aucs)), "prAuc": float(average_precision_score(y, oof)), "brier": float(brier_score_loss(y, oof))}
    out[path] = res
print(json.dumps(out))
