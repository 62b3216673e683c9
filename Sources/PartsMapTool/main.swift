// The partsmap executable: everything lives in the PartsMap library, so this stays thin.
import PartsMap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
