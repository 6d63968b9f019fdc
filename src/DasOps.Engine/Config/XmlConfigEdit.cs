using System;
using System.IO;
using System.Xml;
using DasOps.Engine.Config.Xml;

namespace DasOps.Engine.Config;

/// <summary>
/// Base of the XML edits: parses losslessly, lets the subclass change only what the spec governs, and checks the
/// result with a real XML parser before anyone writes it.
/// </summary>
public abstract class XmlConfigEdit : IConfigEdit
{
    public abstract string Path { get; }

    public virtual bool AppliesTo(RenderContext context) => context.Topology.Manages(context.Node);

    public virtual bool HoldsSecrets(RenderContext context) => false;

    public string Apply(string text, RenderContext context)
    {
        XmlTextDocument document;
        try
        {
            document = XmlTextDocument.Parse(text, Path);
        }
        catch (XmlTextException e)
        {
            throw new ConfigEditException(Path, e.Line, e.Column, "not well-formed XML, refusing to edit it: " + StripLocation(e.Message), e);
        }
        Edit(document, context);
        var result = document.ToString();
        EnsureWellFormed(result);
        return result;
    }

    protected abstract void Edit(XmlTextDocument document, RenderContext context);

    /// <summary>Returns the element, or fails naming the file and where the missing piece was expected.</summary>
    protected XmlTextElement Require(XmlTextElement? element, XmlTextElement parent, string what) =>
        element ?? throw new ConfigEditException(Path, parent.Line, parent.Column,
            $"<{parent.Name}> has no {what}; this does not look like the product's {System.IO.Path.GetFileName(Path)}.");

    protected XmlTextElement RequireRoot(XmlTextDocument document, string name) =>
        document.Root.Name == name
            ? document.Root
            : throw new ConfigEditException(Path, document.Root.Line, document.Root.Column,
                $"the root element is <{document.Root.Name}>, expected <{name}>.");

    protected static string Escape(string value) => XmlTextEscaping.EscapeText(value);

    private void EnsureWellFormed(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
            while (reader.Read()) { }
        }
        catch (XmlException e)
        {
            throw new ConfigEditException(Path, e.LineNumber, e.LinePosition, "the edited file is not well-formed (a DasOps bug; nothing was written): " + e.Message, e);
        }
    }

    private static string StripLocation(string message)
    {
        // XmlTextException messages start with "<source>:<line>:<column>: "
        var parts = message.Split(new[] { ": " }, 2, StringSplitOptions.None);
        return parts.Length == 2 && parts[0].Split(':').Length >= 3 ? parts[1] : message;
    }
}
