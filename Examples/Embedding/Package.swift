// swift-tools-version: 6.0
// Proof that another Swift package can use PartsMap as a library: this package depends on it
// by path (an app would write `.package(url: "…/partsmap", from: "0.2.0")`) and uses only its
// public API. `make test` builds and runs it.
import PackageDescription

let package = Package(
    name: "EmbeddingDemo",
    dependencies: [.package(name: "PartsMap", path: "../..")],
    targets: [
        .executableTarget(name: "EmbeddingDemo", dependencies: [.product(name: "PartsMap", package: "PartsMap")]),
    ]
)
