"""The ONNX export: torch's arithmetic, the same file for the same weights, recorded in numcheck.json."""

from __future__ import annotations

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("onnx")
pytest.importorskip("transformers")

from numcheck.models.export import HALF_STORE_MIN, export_onnx  # noqa: E402
from numcheck.models.io import SHIPPED_DIR, file_sha256, load_tagger, read_meta  # noqa: E402
from numcheck.models.runtime import ONNX_FILE, OnnxTagger  # noqa: E402
from tests.conftest import save_tiny_tagger  # noqa: E402

SENTENCES = [
    "In 2024, 33,379 crimes were recorded, 1.2% fewer than the year before.",
    "The ministry received 6,055 citizens.",
    "Unemployment stood at 4.1 per cent in March.",
]


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory):
    out = save_tiny_tagger(tmp_path_factory.mktemp("onnx") / "tiny")
    export_onnx(out, scheme="float32")
    return out


def _batch(tok):
    rows = [tok.windows(t, max_length=64, stride=8)[0][0] for t in SENTENCES]
    ids = np.zeros((len(rows), max(map(len, rows))), dtype=np.int64)
    mask = np.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = r
        mask[i, : len(r)] = 1
    return ids, mask


def test_float32_export_computes_what_torch_computes(tiny_dir):
    tagger, tok, _ = load_tagger(tiny_dir)
    # The export stores its large tables in float16; the same rounding on the torch side leaves
    # nothing but the arithmetic to compare.
    with torch.no_grad():
        for p in tagger.parameters():
            if p.numel() >= HALF_STORE_MIN:
                p.copy_(p.half().float())
    ids, mask = _batch(tok)
    logits, hidden = OnnxTagger(tiny_dir, threads=1)(ids, mask, states=True)
    with torch.inference_mode():
        want_hidden = tagger.encode(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
        want_logits = tagger.classifier(torch.from_numpy(want_hidden)).numpy()
    real = mask.astype(bool)
    assert logits.shape == want_logits.shape and hidden.shape == want_hidden.shape
    assert np.abs(logits[real] - want_logits[real]).max() < 1e-4
    assert np.abs(hidden[real] - want_hidden[real]).max() < 1e-4
    # without states only the logits come back
    alone, none = OnnxTagger(tiny_dir, threads=1)(ids, mask)
    assert none is None and np.allclose(alone[real], logits[real], atol=1e-6)


def test_export_is_recorded_and_reproducible(tiny_dir, tmp_path):
    meta = read_meta(tiny_dir)["onnx"]
    assert meta["file"] == ONNX_FILE and meta["scheme"] == "float32"
    assert meta["sha256"] == file_sha256(tiny_dir / ONNX_FILE)
    assert meta["fusions"].get("Attention") == 2  # one fused attention per layer
    again = export_onnx(tiny_dir, scheme="float32", out=tmp_path / "again.onnx")
    assert file_sha256(again) == meta["sha256"]
    assert read_meta(tiny_dir)["onnx"] == meta  # an export elsewhere leaves the directory's record alone


def test_int8_export_is_smaller_and_keeps_the_tag_head_in_float(tiny_dir, tmp_path):
    import onnx

    path = export_onnx(tiny_dir, scheme="int8", out=tmp_path / "int8.onnx")
    graph = onnx.load(str(path)).graph
    ops = {n.op_type for n in graph.node}
    assert {"MatMulInteger", "QAttention"} <= ops  # int8 matrix products and fused int8 attention
    assert any(n.op_type == "MatMul" and "classifier" in n.name for n in graph.node)
    ids, mask = _batch(load_tagger(tiny_dir)[1])
    logits, hidden = OnnxTagger(path, threads=1)(ids, mask, states=True)
    assert logits.shape[:2] == ids.shape and hidden.shape == (*ids.shape, 32)
    assert np.isfinite(logits).all()



def test_an_int8_row_is_the_same_alone_and_in_a_padded_batch(tiny_dir, tmp_path):
    """int8 activations are scaled per input tensor: each row must run on its own tokens."""
    from numcheck.errors import UsageError

    path = export_onnx(tiny_dir, scheme="int8", out=tmp_path / "int8.onnx")
    tagger = OnnxTagger(path, threads=1)
    ids, mask = _batch(load_tagger(tiny_dir)[1])
    n = int(mask[1].sum())
    assert n < ids.shape[1]  # the second sentence is padded in the batch
    logits, hidden = tagger(ids, mask, states=True)
    alone, alone_hidden = tagger(ids[1:2, :n], mask[1:2, :n], states=True)
    assert np.array_equal(logits[1, :n], alone[0]) and np.array_equal(hidden[1, :n], alone_hidden[0])
    assert not logits[1, n:].any() and not hidden[1, n:].any()  # padded positions hold 0
    with pytest.raises(UsageError, match="right padding"):
        tagger(ids[:, ::-1], mask[:, ::-1])

def test_rows_run_concurrently_give_what_they_give_one_at_a_time(tiny_dir, tmp_path):
    """Two threads each run a row of the call: the outputs are those of one thread, row by row."""
    path = export_onnx(tiny_dir, scheme="int8", out=tmp_path / "int8.onnx")
    ids, mask = _batch(load_tagger(tiny_dir)[1])
    ids, mask = np.repeat(ids, 4, axis=0), np.repeat(mask, 4, axis=0)  # more rows than threads
    one_logits, one_hidden = OnnxTagger(path, threads=1)(ids, mask, states=True)
    two = OnnxTagger(path, threads=2)
    logits, hidden = two(ids, mask, states=True)
    assert two._pool is not None  # the rows did go through the threads
    assert np.array_equal(logits, one_logits) and np.array_equal(hidden, one_hidden)


def test_unknown_scheme_is_refused(tiny_dir):
    from numcheck.errors import ModelError

    with pytest.raises(ModelError, match="scheme must be one of"):
        export_onnx(tiny_dir, scheme="int4")


def test_a_directory_without_an_export_says_how_to_make_one(tmp_path):
    from numcheck.errors import ModelError

    with pytest.raises(ModelError, match="numcheck export"):
        OnnxTagger(tmp_path)


def test_the_shipped_export_is_the_one_its_card_records():
    if not (SHIPPED_DIR / ONNX_FILE).is_file():
        pytest.skip("no shipped ONNX model in this checkout")
    meta = json.loads((SHIPPED_DIR / "numcheck.json").read_text())["onnx"]
    assert meta["sha256"] == file_sha256(SHIPPED_DIR / ONNX_FILE)
    # int8 but for the tag head and the feed-forward outputs (the relation states move least so)
    assert meta["scheme"] == "int8" and meta["keep_float"] == ["classifier", "ffn_out"]
    # a few tens of MB, embeddings included
    assert (SHIPPED_DIR / ONNX_FILE).stat().st_size < 45 * 2**20
    from numcheck.models.relations import branch_sha256, has_branch

    if has_branch(SHIPPED_DIR):  # the export holds the shipped relation head's branch, not an older one
        assert meta["outputs"] == ["logits", "hidden", "relation"]
        assert meta["relation_branch"]["branch_sha256"] == branch_sha256(SHIPPED_DIR)


def test_cli_export_writes_the_file_and_refuses_an_unknown_scheme(tiny_dir, tmp_path):
    import shutil

    from typer.testing import CliRunner

    from numcheck.cli import app

    model = tmp_path / "m"
    shutil.copytree(tiny_dir, model)
    (model / ONNX_FILE).unlink()
    res = CliRunner().invoke(app, ["export", "--model", str(model), "--scheme", "float32"])
    assert res.exit_code == 0, res.output
    assert (model / ONNX_FILE).is_file() and read_meta(model)["onnx"]["scheme"] == "float32"
    res = CliRunner().invoke(app, ["export", "--model", str(model), "--scheme", "int4"])
    assert res.exit_code == 2 and "scheme must be one of" in res.output
    res = CliRunner().invoke(app, ["export", "--model", str(model), "--keep-float", "classifier,ffn_out"])
    assert res.exit_code == 0, res.output
    assert read_meta(model)["onnx"]["keep_float"] == ["classifier", "ffn_out"]
    res = CliRunner().invoke(app, ["export", "--model", str(model), "--keep-float", "embeddings"])
    assert res.exit_code == 2 and "kept in float must be among" in " ".join(res.output.split())


@pytest.fixture(scope="module")
def tiny_branch_dir(tiny_dir, tmp_path_factory):
    """The tiny model with a relation head that has a branch (random weights: only the arithmetic counts)."""
    import shutil

    from safetensors.numpy import save_file

    from numcheck.models.encoder import RelationBranch, read_config
    from numcheck.models.relations import WEIGHTS_FILE

    out = tmp_path_factory.mktemp("onnx") / "branch"
    shutil.copytree(tiny_dir, out)
    (out / ONNX_FILE).unlink()
    torch.manual_seed(1)
    branch = RelationBranch(read_config(out))
    save_file({f"branch.{k}": v.numpy().copy() for k, v in branch.state_dict().items()}, str(out / WEIGHTS_FILE))
    _complete_head(out, 32)
    export_onnx(out, scheme="float32")
    return out


def _complete_head(out, hidden):
    """Random pair and none networks beside the branch, so that `numcheck check` can link with the head."""
    from safetensors.numpy import load_file

    from numcheck.models.relations import WEIGHTS_FILE, RelationModel
    from tests.conftest import random_head

    weights, meta, _ = random_head(hidden, 8, seed=2)
    weights.update(load_file(str(out / WEIGHTS_FILE)))
    RelationModel(weights, {**meta, "branch": True}).save(out)


def _branch_states(model_dir, ids, mask):
    """The relation stage's token vectors on torch: the branch over the shared layers' output."""
    from numcheck.models.relations import load_branch

    tagger, _, _ = load_tagger(model_dir)
    with torch.no_grad():  # the export stores its large tables in float16 (see above)
        for p in tagger.parameters():
            if p.numel() >= HALF_STORE_MIN:
                p.copy_(p.half().float())
    branch = load_branch(model_dir, tagger)
    with torch.inference_mode():
        ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
        shared = tagger.encode(ids_t, mask_t, layers=len(tagger.bert.encoder.layer) - 1)
        return branch(shared, mask_t).numpy(), tagger.encode(ids_t, mask_t).numpy()


def test_a_relation_branch_is_exported_as_the_relation_output(tiny_dir, tiny_branch_dir):
    ids, mask = _batch(load_tagger(tiny_branch_dir)[1])
    session = OnnxTagger(tiny_branch_dir, threads=1)
    assert session.states_output == "relation"
    _, states = session(ids, mask, states=True)
    want, last_layer = _branch_states(tiny_branch_dir, ids, mask)
    real = mask.astype(bool)
    assert np.abs(states[real] - want[real]).max() < 1e-4
    # the branch's vectors, not the tagger's last layer's
    assert np.abs(states[real] - last_layer[real]).max() > 0.1
    # `hidden` is still there and is the last layer; the states alone skip the tag logits
    hidden = session.session.run(["hidden"], {"input_ids": ids, "attention_mask": mask})[0]
    assert np.abs(hidden[real] - last_layer[real]).max() < 1e-4
    logits, alone = session(ids, mask, states=True, tags=False)
    assert logits is None and np.array_equal(alone, states)
    meta = read_meta(tiny_branch_dir)["onnx"]
    assert meta["outputs"] == ["logits", "hidden", "relation"] and meta["min_relation_cosine"] > 0.9999
    assert meta["fusions"].get("Attention") == 3  # the two layers' and the branch's, each fused
    # an export without a branch has no relation output
    assert read_meta(tiny_dir)["onnx"]["outputs"] == ["logits", "hidden"]
    assert OnnxTagger(tiny_dir, threads=1).states_output == "hidden"


def test_the_onnx_extractor_gives_the_branch_states_as_torch_does(tiny_branch_dir):
    from numcheck.inference.model import ModelExtractor

    texts = ["Of the 6,480 people who applied, 5,213 (80.4%) were admitted.", "Thefts fell by 12.5% to 4,210 cases in 2023."]
    onnx = ModelExtractor(tiny_branch_dir, runtime="onnx").encode(texts)
    ref = ModelExtractor(tiny_branch_dir, runtime="torch", dtype="float32").encode(texts)
    for a, b in zip(onnx, ref, strict=True):
        assert len(a.offsets) and np.array_equal(a.offsets, b.offsets)
        # float16 token states, the tables' float16 storage: close, not equal
        assert np.abs(a.vectors.astype(np.float32) - b.vectors.astype(np.float32)).max() < 2e-2


def test_an_export_older_than_the_relation_head_is_refused(tiny_branch_dir, tmp_path):
    import shutil

    from safetensors.numpy import load_file, save_file

    from numcheck.errors import ModelError
    from numcheck.models.io import load_onnx_tagger
    from numcheck.models.relations import WEIGHTS_FILE

    model = tmp_path / "m"
    shutil.copytree(tiny_branch_dir, model)
    assert load_onnx_tagger(model)[0].states_output == "relation"
    weights = load_file(str(model / WEIGHTS_FILE))
    weights["branch.layer.output.dense.bias"] = weights["branch.layer.output.dense.bias"] + 1.0
    save_file(weights, str(model / WEIGHTS_FILE))  # the head was retrained, the export was not
    with pytest.raises(ModelError, match="re-export it with `numcheck export --model"):
        load_onnx_tagger(model)


def test_a_head_retrained_on_its_frozen_branch_keeps_its_export(tiny_branch_dir, tmp_path):
    import shutil

    from safetensors.numpy import load_file, save_file

    from numcheck.models.io import load_onnx_tagger
    from numcheck.models.relations import WEIGHTS_FILE

    model = tmp_path / "m"
    shutil.copytree(tiny_branch_dir, model)
    weights = load_file(str(model / WEIGHTS_FILE))
    head = [k for k in weights if not k.startswith("branch.")]
    assert head  # the fixture's head has pair weights beside its branch
    for k in head:
        weights[k] = weights[k] + 1.0  # the head is retrained, its branch is not
    save_file(weights, str(model / WEIGHTS_FILE))
    assert load_onnx_tagger(model)[0].states_output == "relation"


def test_cli_check_asks_for_a_re_export_after_the_head_changed(tiny_branch_dir, tmp_path):
    import shutil

    from safetensors.numpy import load_file, save_file
    from typer.testing import CliRunner

    from numcheck.cli import app
    from numcheck.models.relations import WEIGHTS_FILE

    model = tmp_path / "m"
    shutil.copytree(tiny_branch_dir, model)
    doc = tmp_path / "doc.txt"
    doc.write_text("Of the 6,480 people who applied, 5,213 (80.4%) were admitted.\n")
    weights = load_file(str(model / WEIGHTS_FILE))
    weights["branch.layer.output.dense.bias"] = weights["branch.layer.output.dense.bias"] - 1.0
    save_file(weights, str(model / WEIGHTS_FILE))
    res = CliRunner().invoke(app, ["check", "--model", str(model), str(doc)])
    assert res.exit_code == 2 and f"numcheck export --model {model}" in " ".join(res.output.split())
    res = CliRunner().invoke(app, ["export", "--model", str(model), "--scheme", "float32"])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["check", "--model", str(model), str(doc)])
    assert res.exit_code in (0, 1), res.output


def test_a_forked_process_runs_its_rows_on_threads_of_its_own(tiny_dir, tmp_path):
    """The parent's pool threads do not exist in a child forked after a call: the child makes a pool."""
    import multiprocessing

    path = export_onnx(tiny_dir, scheme="int8", out=tmp_path / "int8.onnx")
    ids, mask = _batch(load_tagger(tiny_dir)[1])
    tagger = OnnxTagger(path, threads=2)
    want, _ = tagger(ids, mask)  # the parent's pool now exists
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    child = ctx.Process(target=lambda: queue.put(tagger(ids, mask)[0]))  # fork: the closure is inherited
    child.start()
    try:
        got = queue.get(timeout=60)  # a child waiting on its parent's threads never answers
        child.join(timeout=60)
    finally:
        if child.is_alive():
            child.kill()
    assert child.exitcode == 0 and np.array_equal(got, want)
