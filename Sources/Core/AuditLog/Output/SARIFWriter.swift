/// A SARIF 2.1.0 document with one run of dockaudit: the rules of its driver and the results,
/// for CI systems (`check --format sarif`, `detect --format sarif`).
package enum SARIFWriter {
    package struct Rule {
        package var id: String
        package var description: String
        /// Writes the rule's `properties` members; nil for none.
        package var properties: ((inout JSONWriter) -> Void)?

        package init(id: String, description: String, properties: ((inout JSONWriter) -> Void)? = nil) {
            self.id = id
            self.description = description
            self.properties = properties
        }
    }

    package struct Result {
        /// `error`, `warning` or `note`.
        package var level: String
        package var message: String
        package var ruleID: String
        package var properties: ((inout JSONWriter) -> Void)?

        package init(level: String, message: String, ruleID: String, properties: ((inout JSONWriter) -> Void)? = nil) {
            self.level = level
            self.message = message
            self.ruleID = ruleID
            self.properties = properties
        }
    }

    package static func document(rules: [Rule], results: [Result]) -> String {
        var json = JSONWriter()
        json.object { log in
            log.member("$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
            log.key("runs")
            log.array { runs in
                runs.object { run in
                    run.key("results")
                    run.array(results) { json, result in
                        json.object { finding in
                            finding.member("level", result.level)
                            finding.key("message")
                            finding.object { $0.member("text", result.message) }
                            finding.member("ruleId", result.ruleID)
                            if let properties = result.properties {
                                finding.key("properties")
                                finding.object(properties)
                            }
                        }
                    }
                    run.key("tool")
                    run.object { tool in
                        tool.key("driver")
                        tool.object { driver in
                            driver.member("name", "dockaudit")
                            driver.key("rules")
                            driver.array(rules) { json, rule in
                                json.object { entry in
                                    entry.member("id", rule.id)
                                    if let properties = rule.properties {
                                        entry.key("properties")
                                        entry.object(properties)
                                    }
                                    entry.key("shortDescription")
                                    entry.object { $0.member("text", rule.description) }
                                }
                            }
                        }
                    }
                }
            }
            log.member("version", "2.1.0")
        }
        return json.text(terminator: "\n")
    }
}
