import Foundation
import PackagePlugin

/// Computes the normaliser's tables at build time and embeds them into the target as Swift
/// source (`EmbeddedNormalizerTables`), so that creating a `Normalizer` only decodes them
/// instead of deriving the Unicode tables and asking OpenCC for its character table in every
/// process. The tables are computed by `NormalizerTablesTool` with the code FangfeiText would
/// use at run time (the `FangfeiTextTables` target); they are computed anew whenever that code
/// (and so the tool) or OpenCC's `t2s.json` data changes.
@main
struct NormalizerTables: BuildToolPlugin {
  /// Where OpenCC keeps its data on the usual systems (Debian and Ubuntu, /usr/local, Homebrew).
  static let openCCDataDirectories = ["/usr/share/opencc", "/usr/local/share/opencc", "/opt/homebrew/share/opencc"]
  /// The files of the `t2s.json` configuration.
  static let openCCDataFiles = ["t2s.json", "TSPhrases.ocd2", "TSCharacters.ocd2"]

  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedNormalizerTables.swift")
    // OpenCC's data as inputs (where it is found), so that an OpenCC update recomputes the tables.
    var inputs: [URL] = []
    for directory in Self.openCCDataDirectories {
      for file in Self.openCCDataFiles {
        let url = URL(fileURLWithPath: directory).appending(path: file)
        if FileManager.default.fileExists(atPath: url.path) { inputs.append(url) }
      }
    }
    return [
      .buildCommand(
        displayName: "Computing the normaliser tables for \(target.name)",
        executable: try context.tool(named: "NormalizerTablesTool").url,
        arguments: [output.path],
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
