namespace DasOps.Engine.Config.Xml;

/// <summary>What a stored piece of source text is; decides how it is read and re-indented.</summary>
internal enum XmlTextNodeKind
{
    ByteOrderMark,
    XmlDeclaration,
    DocType,
    ProcessingInstruction,
    Comment,
    CData,
    Text,
    Element,
}
