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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
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
    .target(
      name: "Fangfei",
      dependencies: ["CPCRE2", "FangfeiText", "FangfeiRules"],
      plugins: ["EmbedRules"]
    ),
    .executableTarget(
      name: "FangfeiCLI",
      dependencies: [
        "Fangfei",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "FangfeiBench", dependencies: ["Fangfei", "FangfeiText"]),
    .executableTarget(name: "EmbedRulesTool"),
    .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["EmbedRulesTool"]),
    .testTarget(name: "FangfeiTextTests", dependencies: ["FangfeiText", "FangfeiTextTables"]),
    .testTarget(name: "FangfeiRulesTests", dependencies: ["FangfeiRules"]),
    .testTarget(name: "FangfeiTests", dependencies: ["Fangfei"]),
    .testTarget(name: "FangfeiCLITests", dependencies: ["FangfeiCLI"]),
  ]
)

// Fuzzing (README, Development; Fuzz/run.sh): FuzzChecks holds the checks; each fuzz-* executable
// replays Fuzz/corpus and Fuzz/regressions (as FuzzRegressionTests does in `swift test`), or, built
// with FANGFEI_FUZZ=1 in the environment, is a libFuzzer target (Fuzz/run.sh adds the coverage and
// AddressSanitizer flags for every module).
let fuzzing = Context.environment["FANGFEI_FUZZ"] == "1"
func fuzzTarget(_ name: String) -> Target {
  .executableTarget(
    name: name, dependencies: ["FuzzChecks"], path: "Sources/FuzzTargets/\(name)",
    swiftSettings: fuzzing ? [.define("FUZZING")] : [],
    linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : [])
}
package.targets += [
  .target(
    name: "FuzzChecks", dependencies: ["Fangfei", "FangfeiRules", "FangfeiText"],
    path: "Sources/FuzzTargets/FuzzChecks"),
  fuzzTarget("fuzz-rules"), fuzzTarget("fuzz-classify"), fuzzTarget("fuzz-normalizer"),
  .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzChecks", "Fangfei"]),
]
