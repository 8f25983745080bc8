// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "Fangfei",
  products: [
    .library(name: "Fangfei", targets: ["Fangfei"]),
    .executable(name: "fangfei", targets: ["FangfeiCLI"]),
    .executable(name: "fangfei-bench", targets: ["FangfeiBench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    .systemLibrary(
      name: "COpenCC",
      pkgConfig: "opencc",
      providers: [.apt(["libopencc-dev"])]
    ),
    .target(name: "FangfeiText", dependencies: ["COpenCC", "FangfeiTextTables"], plugins: ["NormalizerTables"]),
    // The normaliser's tables: derived by NormalizerTablesTool at build time (NormalizerTables
    // plugin), embedded into FangfeiText, and decoded there when a Normalizer is created.
    .target(name: "FangfeiTextTables", dependencies: ["COpenCC"]),
    .executableTarget(name: "NormalizerTablesTool", dependencies: ["FangfeiTextTables"]),
    .plugin(name: "NormalizerTables", capability: .buildTool(), dependencies: ["NormalizerTablesTool"]),
    .target(name: "FangfeiRules"),
    // Tesseract's and Leptonica's headers only (libtesseract-dev, libleptonica-dev): the
    // libraries are not linked but opened by CTesseractLoader when a photo is first read, so
    // that checking text does not load the ~55 libraries they pull in.
    .systemLibrary(name: "CTesseract"),
    .target(name: "CTesseractLoader", linkerSettings: [.linkedLibrary("dl")]),
    // Reading flyers: Tesseract (chi_sim) through its C API, Leptonica for the image work.
    .target(name: "FangfeiOCR", dependencies: ["CTesseract", "CTesseractLoader", "Fangfei", "FangfeiText"]),
    // `fangfei serve`: the grid worker's page and the JSON API.
    .target(
      name: "FangfeiServer",
      dependencies: [
        "Fangfei", "FangfeiOCR",
        .product(name: "Hummingbird", package: "hummingbird"),
      ]
    ),
    .target(
      name: "Fangfei",
      dependencies: ["CPCRE2", "FangfeiText", "FangfeiRules"],
      plugins: ["EmbedRules"]
    ),
    .executableTarget(
      name: "FangfeiCLI",
      dependencies: [
        "Fangfei", "FangfeiOCR", "FangfeiServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "FangfeiBench", dependencies: ["Fangfei", "FangfeiText"]),
    .executableTarget(name: "EmbedRulesTool", dependencies: ["FangfeiRules"]),
    .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
    .testTarget(name: "FangfeiTextTests", dependencies: ["FangfeiText", "FangfeiTextTables"]),
    .testTarget(name: "FangfeiRulesTests", dependencies: ["FangfeiRules"]),
    .testTarget(name: "FangfeiTests", dependencies: ["Fangfei", "FuzzChecks"]),
    .testTarget(name: "FangfeiCLITests", dependencies: ["FangfeiCLI"]),
    .testTarget(name: "FangfeiOCRTests", dependencies: ["FangfeiOCR", "Fangfei"]),
    .testTarget(
      name: "FangfeiServerTests",
      dependencies: [
        "FangfeiServer", "FangfeiOCR", "Fangfei",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
  ]
)

// Fuzzing (README, Development; Fuzz/run.sh): FuzzChecks holds the checks; each fuzz-* executable
// replays Fuzz/corpus and Fuzz/regressions (as FuzzRegressionTests does in `swift test`), or, built
// with FANGFEI_FUZZ=1 in the environment (FuzzChecks then defines FUZZING), is a libFuzzer target (Fuzz/run.sh adds the coverage and
// AddressSanitizer flags for every module).
let fuzzing = Context.environment["FANGFEI_FUZZ"] == "1"
func fuzzTarget(_ name: String) -> Target {
  .executableTarget(
    name: name, dependencies: ["FuzzChecks"], path: "Sources/FuzzTargets/\(name)",
    linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : [])
}
package.targets += [
  .target(
    name: "FuzzChecks", dependencies: ["Fangfei", "FangfeiRules", "FangfeiText"],
    path: "Sources/FuzzTargets/FuzzChecks", swiftSettings: fuzzing ? [.define("FUZZING")] : []),
  fuzzTarget("fuzz-rules"), fuzzTarget("fuzz-classify"), fuzzTarget("fuzz-normalizer"),
  .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzChecks", "Fangfei"]),
]
