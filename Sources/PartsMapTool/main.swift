import Glibc
import PartsMap
let path = CommandLine.arguments[1]
var bytes: [UInt8] = []
if let f = fopen(path, "r") { var c = fgetc(f); while c != EOF { bytes.append(UInt8(c)); c = fgetc(f) } }
let r = MapParser.parse(SourceText(bytes))
print(DiagnosticFormatter(fileName: path, source: SourceText(bytes)).format(r.diagnostics))
print(MapPrinter.print(r.map), terminator: "")
