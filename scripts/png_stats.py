#!/usr/bin/env python3
"""Facts about a PNG screenshot, with the Python standard library only (zlib, struct).

    png_stats.py stats FILE.png            prints JSON: width, height, colours, non_white
    png_stats.py crop IN.png OUT.png TOP HEIGHT [SCALE]
                                           writes rows TOP..TOP+HEIGHT of IN, every SCALE-th
                                           pixel (1 = full size), as a new PNG

Used by scripts/browser-check.sh to tell a rendered page from a blank one. Reads the PNGs
browsers write: 8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced.
"""
import json
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


class PNGError(Exception):
    pass


def read_png(path):
    """Returns (width, height, channels, rows) with rows as bytes, one per scanline."""
    with open(path, "rb") as handle:
        data = handle.read()
    if not data.startswith(SIGNATURE):
        raise PNGError(f"{path}: not a PNG file")
    offset = len(SIGNATURE)
    header = None
    compressed = bytearray()
    while offset + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        offset += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            compressed += body
        elif kind == b"IEND":
            break
    if header is None:
        raise PNGError(f"{path}: no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace != 0:
        raise PNGError(f"{path}: unsupported PNG (bit depth {depth}, colour type {colour}, interlace {interlace})")
    channels = CHANNELS[colour]
    raw = zlib.decompress(bytes(compressed))
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    position = 0
    for _ in range(height):
        kind = raw[position]
        line = bytearray(raw[position + 1:position + 1 + stride])
        position += 1 + stride
        unfilter(kind, line, previous, channels)
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def unfilter(kind, line, previous, step):
    if kind == 0:
        return
    if kind == 1:
        for i in range(step, len(line)):
            line[i] = (line[i] + line[i - step]) & 0xFF
    elif kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + previous[i]) & 0xFF
    elif kind == 3:
        for i in range(len(line)):
            left = line[i - step] if i >= step else 0
            line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
    elif kind == 4:
        for i in range(len(line)):
            a = line[i - step] if i >= step else 0
            b = previous[i]
            c = previous[i - step] if i >= step else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + predictor) & 0xFF
    else:
        raise PNGError(f"unknown filter type {kind}")


def rgb(row, x, channels):
    if channels in (1, 2):
        grey = row[x * channels]
        return (grey, grey, grey)
    base = x * channels
    return (row[base], row[base + 1], row[base + 2])


def stats(path):
    width, height, channels, rows = read_png(path)
    colours = set()
    non_white = 0
    for row in rows:
        for x in range(width):
            pixel = rgb(row, x, channels)
            if len(colours) < 100000:
                colours.add(pixel)
            if pixel != (255, 255, 255):
                non_white += 1
    total = max(width * height, 1)
    return {"width": width, "height": height, "colours": len(colours), "non_white": round(non_white / total, 4)}


def write_png(path, width, height, rows):
    """Writes 8-bit RGB rows (bytes of width*3) as a PNG."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + row for row in rows)
    with open(path, "wb") as handle:
        handle.write(SIGNATURE)
        handle.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)))
        handle.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        handle.write(chunk(b"IEND", b""))


def crop(source, target, top, height, scale=1):
    width, full_height, channels, rows = read_png(source)
    top = max(0, min(top, full_height))
    bottom = min(full_height, top + height)
    out = []
    for y in range(top, bottom, scale):
        row = rows[y]
        out.append(bytes(value for x in range(0, width, scale) for value in rgb(row, x, channels)))
    write_png(target, len(range(0, width, scale)), len(out), out)


def main(arguments):
    try:
        if len(arguments) == 2 and arguments[0] == "stats":
            print(json.dumps(stats(arguments[1])))
            return 0
        if len(arguments) in (5, 6) and arguments[0] == "crop":
            scale = int(arguments[5]) if len(arguments) == 6 else 1
            crop(arguments[1], arguments[2], int(arguments[3]), int(arguments[4]), scale)
            return 0
    except (OSError, PNGError, zlib.error, ValueError) as error:
        print(f"png_stats.py: {error}", file=sys.stderr)
        return 1
    print(__doc__.strip(), file=sys.stderr)
    return 64


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
