/// Base URLs of the public Guance sites, as listed in the OpenAPI docs.
///
/// The docs disagree between versions (China 5 appears only in an older one) and TrueWatch-branded
/// sites use `*-openapi.truewatch.com`, so these are conveniences: any base URL, including a private
/// deployment's (optionally with a path prefix), can be passed to ``GuanceClientConfiguration``.
public enum GuanceSite {
    /// China 1 (Hangzhou).
    public static let china1 = "https://openapi.guance.com"
    /// China 2 (Ningxia).
    public static let china2 = "https://aws-openapi.guance.com"
    /// China 4 (Guangzhou).
    public static let china4 = "https://cn4-openapi.guance.com"
    /// China 5 (21Vianet); only in an older docs version.
    public static let china5 = "https://cn5-openapi.guance.com"
    /// China 6 (Hong Kong).
    public static let china6 = "https://cn6-openapi.guance.one"
    /// Overseas 1 (Oregon).
    public static let overseas1 = "https://us1-openapi.guance.com"
    /// Europe 1 (Frankfurt).
    public static let europe1 = "https://eu1-openapi.guance.one"
    /// Asia-Pacific 1 (Singapore).
    public static let asiaPacific1 = "https://ap1-openapi.guance.one"
    /// Africa 1 (South Africa).
    public static let africa1 = "https://za1-openapi.guance.com"
    /// Indonesia 1 (Jakarta).
    public static let indonesia1 = "https://id1-openapi.guance.com"
}
