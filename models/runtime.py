"""The exported tagger on ONNX Runtime: numpy in, numpy out, no torch.

`OnnxTagger` runs a model directory's `model.onnx` (written by `numcheck export`, see
`numcheck.models.export`): token ids and attention mask in, tag logits and, on request, the
relation stage's token vectors out: the `relation` output (the relation head's branch over the
shared layers) when the export has one, else `hidden` (the last layer), as `ModelExtractor`
gives them on torch.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from numcheck.errors import ModelError, UsageError

#: Name of the ONNX file inside a model directory (`numcheck.models.export` writes it).
ONNX_FILE = "model.onnx"
#: The export's outputs: tag logits, the last layer's token vectors, and the relation branch's
#: token vectors (only when the model directory's relation head has a branch).
ONNX_OUTPUTS = ("logits", "hidden", "relation")


def cpu_count() -> int:
    """CPUs this process may run on.

    >>> cpu_count() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class OnnxTagger:
    """An ONNX Runtime session over `model.onnx` (a file, or a model directory holding one).

    `threads` is the number of threads of one call (default: the CPUs this process may use).
    The rows of a call run concurrently, each on one thread (onnxruntime releases the GIL), not
    one row at a time on all threads: a window of 128 tokens is too small a product to share
    well (on 2 cores, 516 press windows took 11.4 s one at a time on two threads, 8.7 s two at
    a time on one thread each, with outputs identical to the bit). `relation` says where the
    token states come from: True the `relation` output (required), False `hidden`, None
    `relation` when the file has it.

    >>> import numpy as np
    >>> from numcheck.models.io import SHIPPED_DIR
    >>> logits, hidden = OnnxTagger(SHIPPED_DIR)(np.array([[101, 2539, 102]]), np.ones((1, 3), dtype=np.int64), states=True)
    >>> logits.shape, hidden.shape
    ((1, 3, 17), (1, 3, 384))
    """

    def __init__(self, path: str | Path, *, threads: int | None = None, relation: bool | None = None) -> None:
        path = Path(path)
        file = path / ONNX_FILE if path.is_dir() else path
        if not file.is_file():
            raise ModelError(None, f"{path} has no {ONNX_FILE}",
                             f"export it with `numcheck export --model {path}`, or use --runtime torch")
        import onnxruntime as ort

        options = ort.SessionOptions()
        #: Rows run at once in one call.
        self.threads = threads or cpu_count()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_pid = 0
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - onnxruntime raises its own types for a bad file
            raise ModelError(None, f"{file} cannot be loaded by onnxruntime ({type(exc).__name__}: {exc})",
                             "re-export it with `numcheck export`, or use --runtime torch") from None
        outputs = {o.name: o for o in self.session.get_outputs()}
        if "logits" not in outputs or "hidden" not in outputs:
            raise ModelError(None, f"{file} has outputs {sorted(outputs)}, not logits and hidden",
                             "re-export it with `numcheck export`")
        if relation and "relation" not in outputs:
            raise ModelError(None, f"{file} has no relation output, but the model's relation head has a branch",
                             f"re-export it with `numcheck export --model {path}`")
        #: The output the token states are read from: "relation" or "hidden".
        self.states_output = "relation" if relation or (relation is None and "relation" in outputs) else "hidden"
        self.hidden_size = int(outputs[self.states_output].shape[-1])
        #: The width of each output's vectors.
        self.widths = {name: int(o.shape[-1]) for name, o in outputs.items()}
        self.num_labels = int(outputs["logits"].shape[-1])

    def _threads(self) -> ThreadPoolExecutor:
        """The pool the rows run on, made at the first call of this process (a process forked
        after a call has none of its parent's threads, so it makes its own)."""
        if self._pool is None or self._pool_pid != os.getpid():
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="numcheck-onnx")
            self._pool_pid = os.getpid()
        return self._pool

    def __call__(self, input_ids: np.ndarray, attention_mask: np.ndarray, *, states: bool = False,
                 tags: bool = True, states_from: str | None = None) -> tuple[np.ndarray | None, np.ndarray | None]:
        """Tag logits `(batch, tokens, labels)` float32 (None when not `tags`) and, when `states`, the
        token states `(batch, tokens, hidden)` float32 (None otherwise); padded positions hold 0.
        The states are read from `states_from` ("hidden" or "relation") when given, else from
        `states_output`.

        Rows are right-padded (each row's mask is ones, then zeros). Each row runs alone on its own
        tokens: the int8 export quantizes activations with one scale per input tensor
        (DynamicQuantizeLinear), so in one call a row's outputs would depend on the other rows and on
        the padding, and a paragraph's figures on what else was in the run.

        >>> import numpy as np
        >>> from numcheck.models.io import SHIPPED_DIR
        >>> tagger = OnnxTagger(SHIPPED_DIR)
        >>> alone, _ = tagger(np.array([[101, 2539, 102]]), np.ones((1, 3), dtype=np.int64))
        >>> both, _ = tagger(np.array([[101, 2539, 102, 0], [101, 2539, 2539, 102]]), np.array([[1, 1, 1, 0], [1, 1, 1, 1]]))
        >>> bool((both[0, :3] == alone[0]).all())
        True
        """
        states_output = states_from or self.states_output
        names = ["logits"] * tags + [states_output] * states
        if not names:
            return None, None
        ids = np.asarray(input_ids, dtype=np.int64)
        mask = np.asarray(attention_mask, dtype=np.int64)
        lengths = mask.sum(axis=1)
        if any(not mask[r, :n].all() for r, n in enumerate(lengths)):
            raise UsageError(None, "each row of attention_mask must be ones, then zeros (right padding), got another mask",
                             "pad windows on the right")
        widths = {name: self.widths[name] for name in names}
        out = {name: np.zeros((*ids.shape, widths[name]), dtype=np.float32) for name in names}

        def run(r: int) -> None:
            n = int(lengths[r])
            feed: dict[str, Any] = {"input_ids": np.ascontiguousarray(ids[r : r + 1, :n]),
                                    "attention_mask": np.ascontiguousarray(mask[r : r + 1, :n])}
            for name, got in zip(names, self.session.run(names, feed), strict=True):
                out[name][r, :n] = got[0]

        rows = [r for r, n in enumerate(lengths.tolist()) if n]
        if self.threads > 1 and len(rows) > 1:
            list(self._threads().map(run, rows))  # list() re-raises a row's error here
        else:
            for r in rows:
                run(r)
        return out.get("logits"), out.get(states_output)
