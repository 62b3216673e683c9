// swift-tools-version: 6.0
import PackageDescription

// PartsMap has no package dependencies by design: only what the Swift toolchain ships.
// The library deliberately avoids Foundation so that `partsmap` starts as fast as a
// plain Swift program (see docs/performance.md); tests may use Foundation freely.
/// Start-up matters (every command is a new process): keep the runtime libraries that the tool
/// does not use (regex support, concurrency) from being imported. Only on the tool's own targets:
/// SwiftPM refuses unsafe flags in a package another package depends on by version, so the
/// `PartsMap` library product carries none.
let lean: [SwiftSetting] = [
    .unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import",
                  "-Xfrontend", "-disable-implicit-concurrency-module-import"]),
]

let package = Package(
    name: "PartsMap",
    products: [
        .library(name: "PartsMap", targets: ["PartsMap"]),
        .executable(name: "partsmap", targets: ["PartsMapTool"]),
        // The benchmark (docs/performance.md): scripts/benchmark.sh builds and runs it.
        .executable(name: "partsmap-bench", targets: ["PartsMapBenchmark"]),
    ],
    targets: [
        // Linux scheduling calls Swift cannot import (see Subprocess.startsOnAnotherProcessor).
        .target(name: "PartsMapSystemC"),
        .target(name: "PartsMap", dependencies: ["PartsMapSystemC"]),
        // The command line over the library: parsing, help, completions, exit codes, messages.
        // Not a product, so the lean flags here never reach a package that depends on PartsMap.
        .target(name: "PartsMapCLI", dependencies: ["PartsMap"], swiftSettings: lean),
        .executableTarget(name: "PartsMapTool", dependencies: ["PartsMapCLI"], swiftSettings: lean,
                          // On Linux release builds, one static program: no dynamic loader, no shared
                          // libraries to find and relocate at every start (2.8 → 0.9 ms for --version;
                          // docs/performance.md). lld, as it links glibc's static parts without warnings.
                          linkerSettings: [.unsafeFlags(["-static-executable", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]),
        .executableTarget(name: "PartsMapBenchmark", dependencies: ["PartsMap"], swiftSettings: lean),
        .testTarget(name: "PartsMapTests", dependencies: ["PartsMap", "PartsMapCLI", "PartsMapTool"]),
        // The public API as another package sees it: no @testable import here.
        .testTarget(name: "PartsMapAPITests", dependencies: ["PartsMap"]),
    ]
)
