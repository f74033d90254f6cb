"""Which kind of document a page is, learned from the text of documents fasilitators have verified:
TF-IDF over words and word pairs, then a logistic regression (scikit-learn). No Django."""
from __future__ import annotations

from dataclasses import dataclass

MIN_PER_TYPE = 2  # a type with fewer verified examples is not proposed


@dataclass
class DocumentTypeModel:
    pipeline: object
    types: list[str]
    samples: int


def train(samples: list[tuple[str, str]]) -> DocumentTypeModel | None:
    """samples: (text, document type code). None when fewer than two types have enough examples."""
    from collections import Counter

    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    counts = Counter(code for text, code in samples if text.strip())
    usable = [(text, code) for text, code in samples if text.strip() and counts[code] >= MIN_PER_TYPE]
    types = sorted({code for _, code in usable})
    if len(types) < 2:
        return None
    pipeline = make_pipeline(TfidfVectorizer(lowercase=True, ngram_range=(1, 2), min_df=1, sublinear_tf=True),
                             LogisticRegression(max_iter=1000, C=10.0))
    pipeline.fit([text for text, _ in usable], [code for _, code in usable])
    return DocumentTypeModel(pipeline=pipeline, types=types, samples=len(usable))


def propose(model: DocumentTypeModel | None, text: str) -> tuple[str | None, float]:
    """(the most likely type, its probability); (None, 0.0) without a model or text."""
    if model is None or not text.strip():
        return None, 0.0
    probabilities = model.pipeline.predict_proba([text])[0]
    best = int(probabilities.argmax())
    return str(model.pipeline.classes_[best]), float(probabilities[best])
