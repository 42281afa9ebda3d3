/// How issue properties are set when an issue is created on Data Center, where the `properties`
/// member of the create body is not documented for every version.
public enum JiraCreatePropertiesMode: Sendable, Hashable {
    /// Send `properties` in the create; if the server rejects the body with 400, create again without
    /// them and `PUT` each property (remembered for later creates). Cloud always uses the inline form.
    case inlineThenFallback
    /// Never send `properties` in the create; always `PUT` them afterwards.
    case putAfterCreate
}
