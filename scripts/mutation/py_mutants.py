#!/usr/bin/env python3
"""Rule-generated single-idea mutants of kibitz-py (the mutation run of `npm run mutants:py`).

    /usr/bin/python3 scripts/mutation/py_mutants.py <kibitz-py dir> <error-codes.json>  > mutants.json

Every mutant is ONE edit to ONE file, produced by a rule, never chosen by hand: the rules name a
bug class (a boundary flip, a dropped check, a reordered step, lenient decoding, wrong Unicode
handling, an error-code swap, a changed constant ...). An edit is a byte range of the original
file and its replacement, so every other byte (and every line number) stays as it was; that is
what lets the driver map a mutant to the checks whose run executed its line.

Not mutated, because a change there is not a behaviour a conformance suite can or should see:
docstrings, `assert` statements, diagnostics (log/print and the message arguments of exceptions),
f-strings and %-formatting of text, `__repr__`/`__str__`.

The key of a mutant is stable across edits elsewhere in the file: file, enclosing function,
rule, the original and replacement text, and its occurrence number among identical keys in that
function. Judgements of equivalent mutants (scripts/mutation/judged.json) are kept by key.

Output: {"mutants": [...], "modules": {file: {"profiles": [...]}}} as JSON on stdout.
"""

import ast
import argparse
import bisect
import hashlib
import io
import json
import os
import sys
import tokenize

# Calls whose arguments are diagnostics only.
DIAG_CALLS = {"log", "print", "_log", "warn"}
# Exceptions: ProtocolError(code, message...): only the code is behaviour; the others carry text.
CODE_EXCEPTIONS = {"ProtocolError"}
TEXT_EXCEPTIONS = {"InputInvalid", "Unsupported", "ValueError", "TypeError", "KeyError",
                   "RuntimeError", "AssertionError", "Exception", "OverflowError",
                   "RecursionError", "IndexError", "NotImplementedError", "UnicodeError"}
SEED = [1]
SKIP_FUNCTIONS = {"__repr__", "__str__", "log", "_log"}

CMP_BOUNDARY = {ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="), ast.GtE: (">=", ">")}
CMP_NEGATE = {ast.Eq: ("==", "!="), ast.NotEq: ("!=", "=="), ast.In: ("in", "not in"),
              ast.NotIn: ("not in", "in"), ast.Is: ("is", "is not"), ast.IsNot: ("is not", "is")}
ARITH = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"), ast.FloorDiv: ("//", "/"), ast.Mult: ("*", "//"),
         ast.LShift: ("<<", ">>"), ast.RShift: (">>", "<<"), ast.BitAnd: ("&", "|"),
         ast.BitOr: ("|", "&"), ast.Mod: ("%", "//")}
# Wrong Unicode handling: the mistakes an implementation not written with the spec's text rules in
# mind makes (CONV-08 trim set, CONV-09 full lower-casing, CONV-17 UTF-16 lengths, SAS-05 order).
METHOD_SWAPS = {"lower": ["casefold", None], "casefold": ["lower"], "upper": ["lower"],
                "rstrip": [None], "lstrip": [None], "strip": [None],
                "startswith": ["endswith"], "endswith": ["startswith"]}
FUNC_SWAPS = {"trim": ["strip-method", None], "lower": [None, "casefold-method"],
              "utf16_length": ["len"], "utf16_key": [None], "canonical": [None],
              "min": ["max"], "max": ["min"], "sorted": [None], "reversed": [None],
              "any": ["all"], "all": ["any"], "int": [None], "abs": [None]}
ERROR_HANDLERS = {"strict": "replace", "surrogatepass": "replace"}
NORMAL_FORMS = {"NFKC": "NFC", "NFC": "NFKC", "NFD": "NFC", "NFKD": "NFD"}


class Source:
    """The file as bytes, with token positions in byte offsets (ast uses UTF-8 byte columns)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()
        self.text = self.data.decode("utf-8")
        self.lines = self.text.splitlines(keepends=True)
        self.line_start = [0]
        for ln in self.lines:
            self.line_start.append(self.line_start[-1] + len(ln.encode("utf-8")))
        self.tokens = []
        for tok in tokenize.generate_tokens(io.StringIO(self.text).readline):
            if tok.type in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT,
                            tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            self.tokens.append((self.off(*tok.start, chars=True), self.off(*tok.end, chars=True),
                                tok.string))
        self.starts = [t[0] for t in self.tokens]

    def off(self, line, col, chars=False):
        if chars:
            col = len(self.lines[line - 1][:col].encode("utf-8")) if line - 1 < len(self.lines) else 0
        return self.line_start[line - 1] + col

    def start(self, node):
        return self.off(node.lineno, node.col_offset)

    def end(self, node):
        return self.off(node.end_lineno, node.end_col_offset)

    def seg(self, a, b):
        return self.data[a:b].decode("utf-8")

    def tokens_between(self, a, b):
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.tokens) and self.tokens[i][1] <= b:
            out.append(self.tokens[i])
            i += 1
        return out


def is_docstring(node, parent):
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str))


def call_name(node):
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


class Generator(ast.NodeVisitor):
    def __init__(self, src, rel, codes):
        self.src, self.rel, self.codes = src, rel, codes
        self.out = []
        self.func = ["<module>"]
        self.skip = set()        # ids of nodes whose subtree is not mutated
        self.int_seen = 0

    # ---- bookkeeping -----------------------------------------------------------------------

    def add(self, rule, bug, node, a, b, new, desc, line=None, end_line=None):
        old = self.src.seg(a, b)
        if old == new:
            return
        self.out.append({
            "file": self.rel, "func": ".".join(self.func), "rule": rule, "bugClass": bug,
            "line": line or node.lineno, "endLine": end_line or getattr(node, "end_lineno", node.lineno),
            "start": a, "end": b, "original": old, "replacement": new, "description": desc,
        })

    def visit(self, node):
        if id(node) in self.skip:
            return
        return super().visit(node)

    def skip_tree(self, node):
        for n in ast.walk(node):
            self.skip.add(id(n))

    # ---- scopes and exclusions ---------------------------------------------------------------

    def visit_FunctionDef(self, node):
        if node.name in SKIP_FUNCTIONS:
            return
        self.func.append(node.name)
        for d in node.args.defaults + node.args.kw_defaults:
            if d is not None:
                self.visit(d)
        self.block(node.body)
        self.func.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.func.append(node.name)
        self.block(node.body)
        self.func.pop()

    def visit_Module(self, node):
        self.block(node.body)

    def visit_Assert(self, node):
        return

    def visit_JoinedStr(self, node):
        return

    def block(self, body):
        """A statement list: statement-level rules, then each statement's own subtree."""
        for i, st in enumerate(body):
            if i == 0 and is_docstring(st, None):
                continue
            self.statement_rules(st)
            if i + 1 < len(body):
                self.swap_rule(st, body[i + 1])
            self.visit(st)

    def generic_block_visit(self, node):
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if stmts:
                self.block(stmts)

    def visit_If(self, node):
        self.visit(node.test)
        self.block(node.body)
        if node.orelse:
            self.block(node.orelse)

    def visit_For(self, node):
        self.visit(node.iter)
        self.block(node.body)
        if node.orelse:
            self.block(node.orelse)

    def visit_While(self, node):
        self.visit(node.test)
        self.block(node.body)

    def visit_With(self, node):
        for item in node.items:
            self.visit(item.context_expr)
        self.block(node.body)

    def visit_Try(self, node):
        self.block(node.body)
        for h in node.handlers:
            self.handler_rules(node, h)
            self.block(h.body)
        if node.orelse:
            self.block(node.orelse)
        if node.finalbody:
            self.block(node.finalbody)

    # ---- statement rules -------------------------------------------------------------------

    def statement_rules(self, st):
        s = self.src
        # Dropped check: `if cond: raise/return/continue/break` (no else) -> the guard never fires.
        if isinstance(st, ast.If) and not st.orelse and len(st.body) == 1 and isinstance(
                st.body[0], (ast.Raise, ast.Return, ast.Continue, ast.Break)):
            kind = type(st.body[0]).__name__.lower()
            self.add("drop-check" if kind == "raise" else "drop-guard",
                     "dropped-check" if kind == "raise" else "dropped-early-exit", st,
                     s.start(st.test), s.end(st.test), "False",
                     "the guard `if %s: %s` never fires" % (s.seg(s.start(st.test), s.end(st.test))[:60], kind),
                     end_line=st.lineno)
        # Dropped step: a call statement or augmented assignment removed.
        if isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and call_name(st.value) not in DIAG_CALLS:
            self.add("drop-step", "dropped-step", st, s.start(st), s.end(st), "pass",
                     "the step `%s` is left out" % s.seg(s.start(st), s.end(st)).splitlines()[0][:60])
        if isinstance(st, ast.AugAssign):
            self.add("drop-step", "dropped-step", st, s.start(st), s.end(st), "pass",
                     "the update `%s` is left out" % s.seg(s.start(st), s.end(st)).splitlines()[0][:60])
        # Loop control swapped.
        if isinstance(st, ast.Break):
            self.add("loop-control", "wrong-loop-exit", st, s.start(st), s.end(st), "continue", "break -> continue")
        if isinstance(st, ast.Continue):
            self.add("loop-control", "wrong-loop-exit", st, s.start(st), s.end(st), "break", "continue -> break")

    def swap_rule(self, a, b):
        """Reordered steps: two adjacent checks (error precedence), or two adjacent call
        statements (output order). Whole lines are swapped, so both must own their lines."""
        def guard(st):
            return isinstance(st, ast.If) and not st.orelse and len(st.body) == 1 and isinstance(
                st.body[0], (ast.Raise, ast.Return))

        def call(st):
            return isinstance(st, ast.Expr) and isinstance(st.value, ast.Call) and call_name(st.value) not in DIAG_CALLS
        if not ((guard(a) and guard(b)) or (call(a) and call(b))):
            return
        s = self.src
        la, lb = s.line_start[a.lineno - 1], s.line_start[b.lineno - 1]
        ea, eb = s.line_start[a.end_lineno], s.line_start[b.end_lineno]
        # Each statement must start its line (after indentation) and end it, and b follow a at once.
        if ea != lb or s.seg(la, s.start(a)).strip() or s.seg(lb, s.start(b)).strip():
            return
        if s.seg(s.end(a), ea).strip() or s.seg(s.end(b), eb).strip():
            return
        text_a, text_b = s.seg(la, ea), s.seg(lb, eb)
        if text_a == text_b:
            return
        self.add("swap-steps", "reordered-steps", a, la, eb, text_b + text_a,
                 "lines %d and %d swapped" % (a.lineno, b.lineno), end_line=b.end_lineno)

    def handler_rules(self, tr, h):
        """Lenient decoding: an exception that should reject the input is swallowed."""
        s = self.src
        if len(h.body) == 1 and isinstance(h.body[0], ast.Raise):
            st = h.body[0]
            self.add("swallow-error", "lenient-decoding", st, s.start(st), s.end(st), "pass",
                     "the error raised at line %d is swallowed" % st.lineno)

    # ---- expression rules ------------------------------------------------------------------

    def visit_Raise(self, node):
        exc = node.exc
        if isinstance(exc, ast.Call):
            name = call_name(exc)
            if name in TEXT_EXCEPTIONS:
                return
            if name in CODE_EXCEPTIONS:
                if exc.args:
                    self.visit(exc.args[0])
                return
        if exc is not None:
            self.visit(exc)

    def visit_Call(self, node):
        name = call_name(node)
        if name in DIAG_CALLS or name in TEXT_EXCEPTIONS:
            return
        if name in CODE_EXCEPTIONS:
            if node.args:
                self.visit(node.args[0])
            return
        s = self.src
        f = node.func
        # Unicode / text-rule method swaps: x.lower() -> x.casefold(), x.strip(set) -> x.strip() ...
        if isinstance(f, ast.Attribute) and f.attr in METHOD_SWAPS:
            name_end = s.end(f)
            name_start = name_end - len(f.attr.encode())
            for alt in METHOD_SWAPS[f.attr]:
                if alt is None:
                    if f.attr in ("rstrip", "lstrip", "strip"):
                        if node.args:       # a strip set dropped: Python's default whitespace set
                            self.add("unicode", "wrong-strip-set", node, s.start(node), s.end(node),
                                     s.seg(s.start(f.value), s.end(f.value)) + "." + f.attr + "()",
                                     "%s(%s) -> %s() (Python's whitespace set)" % (f.attr, s.seg(s.start(node.args[0]), s.end(node.args[0]))[:20], f.attr))
                        else:
                            self.add("unicode", "no-trim", node, s.start(node), s.end(node),
                                     s.seg(s.start(f.value), s.end(f.value)), ".%s() dropped" % f.attr)
                    elif not node.args:
                        self.add("unicode", "no-case-fold", node, s.start(node), s.end(node),
                                 s.seg(s.start(f.value), s.end(f.value)), ".%s() dropped" % f.attr)
                else:
                    self.add("unicode" if f.attr in ("lower", "casefold", "upper") else "call-swap",
                             "wrong-case-mapping" if f.attr in ("lower", "casefold", "upper") else "wrong-end",
                             node, name_start, name_end, alt, ".%s() -> .%s()" % (f.attr, alt))
        if isinstance(f, ast.Name) and f.id in FUNC_SWAPS and len(node.args) >= 1:
            arg = node.args[0]
            arg_text = s.seg(s.start(arg), s.end(arg))
            for alt in FUNC_SWAPS[f.id]:
                if alt is None:
                    if len(node.args) == 1 and not node.keywords:
                        bug = {"trim": "no-trim", "lower": "no-case-fold", "utf16_key": "code-point-order",
                               "canonical": "not-canonicalised", "sorted": "unsorted",
                               "reversed": "wrong-order", "int": "no-integer-conversion",
                               "abs": "sign-ignored"}[f.id]
                        self.add("unicode" if f.id in ("trim", "lower", "utf16_key") else "call-drop", bug, node,
                                 s.start(node), s.end(node), "(%s)" % arg_text, "%s(x) -> x" % f.id)
                    elif f.id == "sorted" and any(k.arg == "key" for k in node.keywords):
                        k = [k for k in node.keywords if k.arg == "key"][0]
                        self.add("unicode", "code-point-order", node, s.start(node), s.end(node),
                                 "sorted(%s)" % arg_text, "sorted(x, key=%s) -> sorted(x)" % s.seg(s.start(k.value), s.end(k.value)))
                elif alt == "strip-method":
                    self.add("unicode", "wrong-trim-set", node, s.start(node), s.end(node),
                             "(%s).strip()" % arg_text, "trim(x) -> x.strip() (Python's whitespace set)")
                elif alt == "casefold-method":
                    self.add("unicode", "wrong-case-mapping", node, s.start(node), s.end(node),
                             "(%s).casefold()" % arg_text, "lower(x) -> x.casefold()")
                else:
                    bug = {"len": "code-point-length", "max": "min-max-swap", "min": "min-max-swap",
                           "all": "any-all-swap", "any": "any-all-swap"}[alt]
                    self.add("unicode" if alt == "len" else "call-swap", bug, node,
                             s.start(f), s.end(f), alt, "%s() -> %s()" % (f.id, alt))
        # Strict decoding relaxed: errors="strict"/"surrogatepass" -> "replace"; NFKC -> NFC.
        for a in list(node.args) + [k.value for k in node.keywords]:
            if isinstance(a, ast.Constant) and isinstance(a.value, str):
                if a.value in ERROR_HANDLERS and name in ("decode", "encode"):
                    self.add("lenient-decoding", "lenient-decoding", a, s.start(a), s.end(a),
                             json.dumps(ERROR_HANDLERS[a.value]), "error handler %r -> %r" % (a.value, ERROR_HANDLERS[a.value]))
                if a.value in NORMAL_FORMS and name == "normalize":
                    self.add("unicode", "wrong-normal-form", a, s.start(a), s.end(a),
                             json.dumps(NORMAL_FORMS[a.value]), "%s -> %s" % (a.value, NORMAL_FORMS[a.value]))
        self.generic_visit(node)

    def visit_Compare(self, node):
        s = self.src
        operands = [node.left] + node.comparators
        for i, op in enumerate(node.ops):
            a, b = s.end(operands[i]), s.start(operands[i + 1])
            toks = s.tokens_between(a, b)
            words = [t for t in toks if t[2] not in ("(", ")")]
            if not words:
                continue
            ta, tb = words[0][0], words[-1][1]
            if type(op) in CMP_BOUNDARY:
                old, new = CMP_BOUNDARY[type(op)]
                self.add("boundary", "off-by-one", node, ta, tb, new, "%s -> %s" % (old, new))
            if type(op) in CMP_NEGATE:
                old, new = CMP_NEGATE[type(op)]
                self.add("negate", "inverted-condition", node, ta, tb, new, "%s -> %s" % (old, new))
        self.generic_visit(node)

    def visit_BoolOp(self, node):
        s = self.src
        old = "and" if isinstance(node.op, ast.And) else "or"
        new = "or" if old == "and" else "and"
        for i in range(len(node.values) - 1):
            toks = s.tokens_between(s.end(node.values[i]), s.start(node.values[i + 1]))
            for t in toks:
                if t[2] == old:
                    self.add("bool-op", "wrong-connective", node, t[0], t[1], new, "%s -> %s" % (old, new))
        self.generic_visit(node)

    def visit_UnaryOp(self, node):
        s = self.src
        if isinstance(node.op, ast.Not):
            self.add("negate", "inverted-condition", node, s.start(node), s.end(node),
                     "(%s)" % s.seg(s.start(node.operand), s.end(node.operand)), "not x -> x")
        self.generic_visit(node)

    def visit_BinOp(self, node):
        s = self.src
        text_operand = any(isinstance(x, (ast.JoinedStr,)) or (isinstance(x, ast.Constant) and isinstance(x.value, (str, bytes)))
                           for x in (node.left, node.right))
        if isinstance(node.op, ast.Mod) and text_operand:
            return          # %-formatting of text
        if type(node.op) in ARITH and not text_operand:
            toks = s.tokens_between(s.end(node.left), s.start(node.right))
            old, new = ARITH[type(node.op)]
            for t in toks:
                if t[2] == old:
                    self.add("arith", "wrong-arithmetic", node, t[0], t[1], new, "%s -> %s" % (old, new))
                    break
        self.generic_visit(node)

    def visit_Constant(self, node):
        s = self.src
        v = node.value
        if isinstance(v, bool):
            self.add("flag", "flipped-flag", node, s.start(node), s.end(node), str(not v), "%s -> %s" % (v, not v))
        elif isinstance(v, int):
            a, b = s.start(node), s.end(node)
            raw = s.seg(a, b)
            if raw.startswith("0x") or raw.startswith("0X"):
                fmt = lambda n: hex(n)  # noqa: E731
            else:
                fmt = str
            # One mutant per literal: +1 or -1, drawn from the seed (0 always goes up).
            self.int_seen += 1
            pick = hashlib.sha256(("%s:%s:%s:%s:%d" % (SEED[0], self.rel, ".".join(self.func), raw, self.int_seen)).encode()).digest()[0]
            for d in ((1,) if v == 0 or pick & 1 else (-1,)):
                n = v + d
                self.add("constant", "off-by-one" if abs(v) < 4096 else "changed-constant", node, a, b, fmt(n),
                         "%s -> %s" % (raw, fmt(n)))
        elif isinstance(v, str) and v in self.codes:
            alt = self.codes[v]
            if alt:
                self.add("error-code", "wrong-error-code", node, s.start(node), s.end(node),
                         json.dumps(alt), "%s -> %s" % (v, alt))
        elif isinstance(v, str) and self.in_constant_def:
            if v:
                self.add("constant", "changed-constant", node, s.start(node), s.end(node),
                         json.dumps(v[:-1]) if len(v) > 1 else json.dumps(v + "x"),
                         "constant %r changed" % (v if len(v) < 30 else v[:27] + "...",))

    in_constant_def = False

    def visit_Assign(self, node):
        # Module- or class-level UPPER_CASE constants: a string constant may be changed too.
        names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        const = len(self.func) <= 2 and names and all(n.lstrip("_").isupper() for n in names)
        prev = self.in_constant_def
        self.in_constant_def = bool(const)
        self.generic_visit(node)
        self.in_constant_def = prev


def error_code_swaps(codes):
    """Each code -> the next code of the same area (cyclic, sorted): one swap per occurrence."""
    by_area = {}
    for c in sorted(set(codes)):
        by_area.setdefault(c.split(".")[0], []).append(c)
    swap = {}
    for area, cs in by_area.items():
        for i, c in enumerate(cs):
            swap[c] = cs[(i + 1) % len(cs)] if len(cs) > 1 else None
    return swap


def module_name(rel):
    if rel == "adapter.py":
        return "adapter"
    return rel[:-3].replace("/", ".").replace(".__init__", "")


def imports_of(tree, modname, is_pkg):
    """kbz-internal modules a module imports (relative imports resolved)."""
    out = set()
    pkg = modname if is_pkg else modname.rsplit(".", 1)[0] if "." in modname else ""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                base = ".".join(base)
                mod = base + ("." + node.module if node.module else "")
            else:
                mod = node.module or ""
            if not mod.startswith("kbz"):
                continue
            out.add(mod)
            for a in node.names:
                out.add(mod + "." + a.name)      # may name a submodule
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("kbz"):
                    out.add(a.name)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("codes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--profiles", default="", help="comma-separated: only files these profiles reach (and adapter.py)")
    ap.add_argument("--files", default="", help="comma-separated relative paths: mutate only these")
    args = ap.parse_args()
    SEED[0] = args.seed
    root, codes_path = args.root, args.codes
    wanted = set(p for p in args.profiles.split(",") if p)
    only_files = set(f for f in args.files.split(",") if f)
    with open(codes_path) as f:
        codes = error_code_swaps(json.load(f))
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for fn in sorted(filenames):
            if fn.endswith(".py"):
                rel = os.path.relpath(os.path.join(dirpath, fn), root)
                if rel == "selftest.py":
                    continue        # not part of what the adapter runs
                files.append(rel)
    mutants, graph, profile_of = [], {}, {}
    for rel in sorted(files):
        src = Source(os.path.join(root, rel))
        tree = ast.parse(src.text)
        name = module_name(rel)
        graph[name] = imports_of(tree, name, rel.endswith("__init__.py"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PROFILE" for t in node.targets) \
                    and isinstance(node.value, ast.Constant):
                profile_of[name] = node.value.value
        if only_files and rel not in only_files:
            continue
        g = Generator(src, rel, codes)
        g.visit(tree)
        seen, count = set(), {}
        for m in g.out:
            mutated = src.data[:m["start"]] + m["replacement"].encode("utf-8") + src.data[m["end"]:]
            if mutated in seen:
                continue                       # two rules, one program
            try:
                compile(mutated, rel, "exec")
            except SyntaxError:
                continue
            seen.add(mutated)
            lo, hi = max(1, m["line"] - 3), min(len(src.lines), m["endLine"] + 2)
            m["context"] = {"from": lo, "lines": [src.lines[i - 1].rstrip("\n") for i in range(lo, hi + 1)]}
            m["func"] = m["func"].replace("<module>.", "")
            base = "%s::%s::%s::%s=>%s" % (rel, m["func"], m["rule"], m["original"].strip()[:80], m["replacement"].strip()[:80])
            count[base] = count.get(base, 0) + 1
            m["key"] = "%s#%d" % (base, count[base])
            mutants.append(m)
    # Which profiles reach each module: the import closure of each profile's op module.
    names = set(graph)
    closure = {}
    for mod, prof in profile_of.items():
        todo, reach = [mod], set()
        while todo:
            cur = todo.pop()
            if cur in reach or cur not in names:
                continue
            reach.add(cur)
            todo.extend(graph[cur])
            # importing kbz.x.y runs kbz/__init__ and kbz/x/__init__ first
            parts = cur.split(".")
            for i in range(1, len(parts)):
                todo.append(".".join(parts[:i]))
        closure[prof] = reach
    modules = {}
    for rel in files:
        name = module_name(rel)
        profs = sorted(p for p, reach in closure.items() if name in reach)
        if name == "adapter":
            profs = sorted(closure)
        if wanted:
            profs = [p for p in profs if p in wanted]
            if not profs:
                continue
        modules[rel] = {"module": name, "profiles": profs}
    mutants = [m for m in mutants if m["file"] in modules]
    json.dump({"mutants": mutants, "modules": modules}, sys.stdout)


if __name__ == "__main__":
    main()
