// The partsmap executable: the command line lives in PartsMapCLI, the logic in PartsMap.
import PartsMapCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
