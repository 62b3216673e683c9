// swift-tools-version: 6.0
import PackageDescription

// PartsMap has no package dependencies by design: only what the Swift toolchain ships.
// The library deliberately avoids Foundation so that `partsmap` starts as fast as a
// plain Swift program (see docs/performance.md); tests may use Foundation freely.
let package = Package(
    name: "PartsMap",
    products: [
        .library(name: "PartsMap", targets: ["PartsMap"]),
        .executable(name: "partsmap", targets: ["PartsMapTool"]),
    ],
    targets: [
        .target(name: "PartsMap"),
        .executableTarget(name: "PartsMapTool", dependencies: ["PartsMap"]),
        .testTarget(name: "PartsMapTests", dependencies: ["PartsMap", "PartsMapTool"]),
    ]
)
