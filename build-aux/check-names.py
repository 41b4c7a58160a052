#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that functions are named after their files, and that private
# headers stay private (HACKING.md, "Names and files").  For every function
# under src/ that is not static:
#
#  1. It is declared in a header of its own folder, seg-<module>.h or
#     seg-<module>-private.h.  That header names its module.
#  2. Its name is seg_<prefix>_... (or just seg_<prefix>), where <prefix> is
#     - the module (dashes become underscores): seg_chart_bars_draw () in
#       seg-chart-bars.h;
#     - a type the header defines (a typedef, a struct body, a
#       G_DECLARE_*), or for a -private.h one its public header defines:
#       seg_result_get_churn () in seg-analysis.h, which defines SegResult;
#       a header may hold a few small types, and a type's functions carry
#       the type's name, as GNOME's do;
#     - the module a header is one part of, seg-<base>-<part>.h, when
#       seg-<base>.h exists or Seg<Base> is a type: seg-window-file.h
#       declares seg_window_* (), seg-csv-writer.h seg_csv_* ().
#     A seg_<type>_get_type () may sit with whatever registers the GType.
#  3. The file that defines it is its module's or its type's:
#     seg-<module>.c or seg-<prefix>.c, or a part of one,
#     seg-<module>-<part>.c or seg-<prefix>-<part>.c.  A type or module
#     split across files keeps one prefix (seg_dataset_* () in
#     seg-dataset-stream.c).
#
# And for every #include in src/, tests/ and bench/:
#
#  4. A *-private.h is included only by the files of its own folder, and by
#     tests (which may check internals on purpose).  Two core headers are
#     used by the engine's higher tiers by design (ENGINE_WIDE below).
#
# Left out: main (), and the linker's __wrap_* functions in seg-tsan.c,
# whose names the linker chooses.  Functions that G_DEFINE_* macros write are
# not seen; they follow the type's name by construction.
#
# The parser is a small one for our own style (GNU layout; it reads
# declarations at the top level of a file, outside comments, strings and
# preprocessor lines), not a C parser; it needs only python3's standard
# library.
#
# Usage: check-names.py [SOURCE_ROOT]: lists each function or include that
# breaks a rule and exits 1; run as the "names" test of the data suite.
# --strict lists instead every function whose name does not begin with its
# own .c file's name (seg-dataset-stream.c: seg_dataset_stream_), the
# measure issue 14 started from; it does not fail.
import os
import re
import sys

IDENT = re.compile(r'[A-Za-z_]\w*')
ATTRIBUTE = re.compile(r'(G_GNUC_\w+|G_\w+_FOR|G_DEPRECATED\w*|G_ANALYZER_\w+)\s*(\([^()]*\))?\s*')
EXEMPT_FILES = {'main.c', 'segmenta-cli.c', 'seg-tsan.c'}
# Private headers of the core tier that the engine's higher tiers use on
# purpose (rule 4): the readers and role detection set a table's roles
# before they hand it out, and the database pushdown walks a parsed filter.
ENGINE_WIDE = {'seg-table-private.h', 'seg-expr-private.h'}


def blank(match):
    return re.sub(r'[^\n]', ' ', match.group(0))


def strip(text):
    """The text with comments, strings, character literals and preprocessor
    lines blanked out (newlines kept, so that offsets stay valid)."""
    token = re.compile(r'/\*.*?\*/|//[^\n]*|"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'', re.S)
    text = token.sub(blank, text)
    out = []
    continued = False
    for line in text.split('\n'):
        if continued or line.lstrip().startswith('#'):
            continued = line.rstrip().endswith('\\')
            out.append('')
        else:
            out.append(line)
    return '\n'.join(out)


def close_paren(s, j):
    depth = 0
    for k in range(j, len(s)):
        if s[k] == '(':
            depth += 1
        elif s[k] == ')':
            depth -= 1
            if depth == 0:
                return k + 1
    return len(s)


def functions(s):
    """(name, is_definition, specifiers, parameters) of each function
    declarator at the top level of the stripped text @s."""
    depth = 0
    i, n = 0, len(s)
    start = 0
    while i < n:
        c = s[i]
        if c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                start = i + 1
        elif c == ';' and depth == 0:
            start = i + 1
        elif depth == 0 and (c.isalpha() or c == '_'):
            m = IDENT.match(s, i)
            name = m.group(0)
            j = m.end()
            while j < n and s[j] in ' \t\n':
                j += 1
            if j >= n or s[j] != '(':
                i = j
                continue
            k = close_paren(s, j)
            before = s[start:i]
            words = IDENT.findall(before)
            rest = s[k:k + 300].lstrip()
            while True:
                a = ATTRIBUTE.match(rest)
                if not a or not a.group(0):
                    break
                rest = rest[a.end():]
            i = k
            if (not words or 'typedef' in words or before.rstrip().endswith(('(*', '*)'))
                    or not (name[0].islower() or name[0] == '_')):
                continue
            if rest.startswith('{'):
                yield name, True, words, s[j + 1:k - 1]
                start = k
            elif rest[:1] in (';', ','):
                yield name, False, words, s[j + 1:k - 1]
            continue
        i += 1


def types_defined(s):
    """Names of the types a header defines."""
    found = set(re.findall(r'typedef\s+(?:struct|union|enum)\s+\w+\s+(\w+)\s*;', s))
    found |= set(re.findall(r'}\s*(\w+)\s*;', s))        # typedef struct/enum { } X;
    found |= set(re.findall(r'\bstruct\s+_(\w+)\s*{', s))  # struct _X { }
    found |= set(re.findall(r'G_DECLARE_\w+\s*\(\s*(\w+)', s))
    found |= set(re.findall(r'typedef\s+\w+[\s*]+(\w+)\s*;', s))
    return found


def g_declared(s):
    """The prefixes G_DECLARE_* gives its types (seg_churn_pane)."""
    return set(re.findall(r'G_DECLARE_\w+\s*\(\s*\w+\s*,\s*seg_(\w+)', s))


def snake(type_name):
    """SegRuleSet -> rule_set"""
    return re.sub(r'(?<=[a-z0-9])(?=[A-Z])', '_', type_name[3:]).lower()


def header_module(header):
    base = os.path.basename(header)[:-2]
    if base.endswith('-private'):
        base = base[:-len('-private')]
    return base[len('seg-'):] if base.startswith('seg-') else None


def file_is_part_of(stem, prefix):
    """Is seg-<stem>.c the module or type @prefix (underscores), or a part of it?"""
    stem = stem.replace('-', '_')
    return stem == prefix or stem.startswith(prefix + '_')


def private_includes(top):
    """Rule 4: who includes each *-private.h."""
    src = os.path.join(top, 'src')
    homes = {}
    for root, dirs, files in os.walk(src):
        for f in files:
            if f.endswith('-private.h'):
                homes[f] = root
    problems = []
    for area in ('src', 'tests', 'bench'):
        for root, dirs, files in os.walk(os.path.join(top, area)):
            dirs.sort()
            for f in sorted(files):
                if not f.endswith(('.c', '.h')):
                    continue
                path = os.path.join(root, f)
                with open(path, encoding='utf-8') as fh:
                    text = fh.read()
                for header in re.findall(r'^#include "([^"]+-private\.h)"', text, re.M):
                    home = homes.get(header)
                    if home is None or home == root or area == 'tests':
                        continue
                    if header in ENGINE_WIDE and root.startswith(os.path.join(src, 'engine') + os.sep):
                        continue
                    problems.append(f'{os.path.relpath(path, top)}: includes {header}, '
                                    f'private to {os.path.relpath(home, top)}/')
    return problems


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    strict = '--strict' in sys.argv
    top = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
    src = os.path.join(top, 'src')

    headers = {}     # header path -> (declared function names, defined types)
    definitions = []  # (path, name, specifiers, parameters)
    for root, dirs, files in os.walk(src):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(root, f)
            if not f.endswith(('.c', '.h')):
                continue
            with open(path, encoding='utf-8') as fh:
                s = strip(fh.read())
            if f.endswith('.h'):
                declared = {n: set(IDENT.findall(p)) | set(w)
                            for n, is_def, w, p in functions(s) if not is_def and 'static' not in w}
                headers[path] = (declared, types_defined(s), g_declared(s))
            elif f not in EXEMPT_FILES:
                for name, is_def, words, params in functions(s):
                    if is_def and 'static' not in words:
                        definitions.append((path, name, words, params))

    all_types = {snake(t) for declared, types, _ in headers.values() for t in types if t.startswith('Seg')}
    problems = []
    for path, name, words, params in definitions:
        rel = os.path.relpath(path, top)
        stem = os.path.basename(path)[:-2]
        stem = stem[len('seg-'):] if stem.startswith('seg-') else stem
        if strict:
            if not file_is_part_of(name, 'seg_' + stem.replace('-', '_')):
                problems.append(f'{rel}: {name} ()')
            continue
        folder = os.path.dirname(path)
        homes = [h for h, (declared, _, _) in headers.items()
                 if name in declared and os.path.dirname(h) == folder and header_module(h)]
        if not homes:
            problems.append(f'{rel}: {name} () is not declared in a seg-*.h of its folder')
            continue
        ok = False
        for h in homes:
            declared, types, gtypes = headers[h]
            signature = set(IDENT.findall(params)) | set(words)
            if name.endswith('_finish'):
                signature |= declared.get(name[:-len('_finish')] + '_async', set())
            public = h.replace('-private.h', '.h')
            if public != h and public in headers:
                types = types | headers[public][1]
            module = header_module(h).replace('-', '_')
            parts = module.split('_')
            prefixes = [module] + sorted(gtypes) + [snake(t) for t in types if t.startswith('Seg')]
            prefixes += ['_'.join(parts[:i]) for i in range(1, len(parts))
                         if '_'.join(parts[:i]) in all_types
                         or os.path.join(folder, 'seg-' + '-'.join(parts[:i]) + '.h') in headers]
            named = [p for p in prefixes if name.startswith('seg_' + p + '_') or name == 'seg_' + p]
            if name.endswith('_get_type') and name[len('seg_'):-len('_get_type')] in all_types:
                named.append(module)
            if named and any(file_is_part_of(stem, p) for p in [module] + named):
                ok = True
        if not ok:
            hs = ', '.join(os.path.basename(h) for h in homes)
            problems.append(f'{rel}: {name} () does not match its header ({hs}) and file')

    for p in problems:
        print(p)
    if strict:
        print(f"{len(problems)} of {len(definitions)} functions' names do not begin "
              "with their own file's name", file=sys.stderr)
        return 0
    includes = private_includes(top)
    for p in includes:
        print(p)
    print(f'{len(problems)} of {len(definitions)} functions break the naming rules, '
          f'{len(includes)} includes of a private header from elsewhere', file=sys.stderr)
    return 1 if problems or includes else 0


if __name__ == '__main__':
    sys.exit(main())
