// swift-tools-version: 6.0
import Foundation
import PackageDescription

// An app that uses PartsMap as a library, the way any other Swift package would: by path here
// (by version or branch elsewhere). Built and run by `make embedding`, which `make test` runs.
//
// SwiftPM names a package taken by path after its folder, so the folder's name (a clone may be
// called anything) is what the product is found under.
let partsMapFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

let package = Package(
    name: "Embedding",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(name: "Embedding",
                          dependencies: [.product(name: "PartsMap", package: partsMapFolder.lastPathComponent)]),
    ]
)
