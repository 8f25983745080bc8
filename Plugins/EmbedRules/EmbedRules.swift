import Foundation
import PackagePlugin

/// Embeds every file under the package's `rules/` directory into the target as Swift source, so
/// that the library and the command line carry the bundled pack and work from any directory.
/// `rules/` stays the single source of truth: the file is generated anew whenever a rule changes.
@main
struct EmbedRules: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
    let rules = context.package.directoryURL.appending(path: "rules")
    var inputs: [URL] = []
    if let walker = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: [.isRegularFileKey]) {
      for case let url as URL in walker {
        let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) ?? false
        if isFile, !url.lastPathComponent.hasPrefix(".") { inputs.append(url) }
      }
    }
    let output = context.pluginWorkDirectoryURL.appending(path: "BundledRuleFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding rules/ into \(target.name)",
        executable: try context.tool(named: "EmbedRulesTool").url,
        arguments: [rules.path, output.path] + inputs.map(\.path),
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
