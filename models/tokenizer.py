"""The window tokenizer of the tagger: a saved `tokenizer.json` read by the `tokenizers` library.

It cuts a long text into overlapping windows exactly as a transformers fast tokenizer does with
`return_overflowing_tokens=True, stride=...`. Torch-free: both runtimes (ONNX Runtime and torch)
read their windows from here.
"""

from __future__ import annotations

from pathlib import Path


class WindowTokenizer:
    """A saved `tokenizer.json`, cutting texts into overlapping windows with character offsets.

    >>> tok = WindowTokenizer(Path(__file__).parent / "shipped")
    >>> ids, offsets = tok.windows("In 2024, 33,379 crimes.", max_length=128, stride=32)[0]
    >>> offsets[:3]
    [(0, 0), (0, 2), (3, 6)]
    """

    def __init__(self, path: str | Path) -> None:
        from tokenizers import Tokenizer

        file = Path(path) / "tokenizer.json"
        if not file.is_file():
            from numcheck.errors import ModelError

            raise ModelError(None, f"{path} has no tokenizer.json", "save the model with numcheck train")
        self._tok = Tokenizer.from_file(str(file))
        self._tok.no_padding()
        self._truncation: tuple[int, int] | None = None
        pad = self._tok.token_to_id("[PAD]")
        self.pad_token_id = 0 if pad is None else pad

    def windows(self, text: str, *, max_length: int, stride: int) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """`(ids, offsets)` of each window of `text`: the first, then the overflowing ones in order."""
        if self._truncation != (max_length, stride):
            self._tok.enable_truncation(max_length, stride=stride)
            self._truncation = (max_length, stride)
        enc = self._tok.encode(text)
        return [(e.ids, [tuple(o) for o in e.offsets]) for e in [enc, *enc.overflowing]]  # type: ignore[misc]
