using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using DasOps.Module.Tests.Support;
using Xunit;

namespace DasOps.Module.Tests;

/// <summary>DasOps.format.ps1xml: well-formed for PowerShell's format schema, and in step with the output types.</summary>
public class FormatTests
{
    private static readonly Lazy<XDocument> Document = new(() => XDocument.Load(Paths.ModuleFile("DasOps.format.ps1xml")));

    /// <summary>The part of PowerShell's format schema the module uses; any other element is a mistake.</summary>
    private static readonly Dictionary<string, string[]> Children = new()
    {
        ["Configuration"] = new[] { "DefaultSettings", "SelectionSets", "Controls", "ViewDefinitions" },
        ["ViewDefinitions"] = new[] { "View" },
        ["View"] = new[] { "Name", "ViewSelectedBy", "GroupBy", "OutOfBand", "TableControl", "ListControl", "WideControl", "CustomControl" },
        ["ViewSelectedBy"] = new[] { "TypeName", "SelectionSetName" },
        ["TableControl"] = new[] { "AutoSize", "HideTableHeaders", "TableHeaders", "TableRowEntries" },
        ["TableHeaders"] = new[] { "TableColumnHeader" },
        ["TableColumnHeader"] = new[] { "Label", "Width", "Alignment" },
        ["TableRowEntries"] = new[] { "TableRowEntry" },
        ["TableRowEntry"] = new[] { "Wrap", "EntrySelectedBy", "TableColumnItems" },
        ["TableColumnItems"] = new[] { "TableColumnItem" },
        ["TableColumnItem"] = new[] { "Alignment", "FormatString", "PropertyName", "ScriptBlock" },
    };

    private static IEnumerable<XElement> Views => Document.Value.Root!.Element("ViewDefinitions")!.Elements("View");

    /// <summary>Public classes of DasOps.dll that cmdlets output (every public sealed non-cmdlet class in namespace DasOps).</summary>
    private static IEnumerable<Type> OutputClasses =>
        ModuleSurface.Module.GetExportedTypes().Where(t => t.IsClass && t.IsSealed && t.Namespace == "DasOps" && !ModuleSurface.IsCmdletType(t)
            && !t.GetInterfaces().Any(i => i.FullName == ModuleSurface.Sma + ".IModuleAssemblyInitializer"));

    [Fact]
    public void Uses_only_elements_of_the_format_schema()
    {
        var root = Document.Value.Root!;
        Assert.Equal("Configuration", root.Name.LocalName);
        Assert.Equal(XNamespace.None, root.Name.Namespace);
        foreach (var element in root.DescendantsAndSelf().Where(e => Children.ContainsKey(e.Name.LocalName)))
        {
            foreach (var child in element.Elements())
                Assert.True(Children[element.Name.LocalName].Contains(child.Name.LocalName), $"<{child.Name.LocalName}> is not allowed in <{element.Name.LocalName}>.");
        }
    }

    [Fact]
    public void Every_view_is_complete()
    {
        var names = new HashSet<string>();
        foreach (var view in Views)
        {
            var name = (string?)view.Element("Name");
            Assert.False(string.IsNullOrWhiteSpace(name));
            Assert.True(names.Add(name!), $"two views are named {name}.");
            Assert.NotEmpty(view.Element("ViewSelectedBy")!.Elements("TypeName"));
            Assert.Single(view.Elements(), e => e.Name.LocalName.EndsWith("Control", StringComparison.Ordinal));
            var table = view.Element("TableControl");
            if (table == null) continue;
            var headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToList();
            foreach (var header in headers)
            {
                if (header.Element("Width") is { } width) Assert.True(int.TryParse(width.Value, out var w) && w > 0, $"{name}: Width '{width.Value}'.");
                if (header.Element("Alignment") is { } align) Assert.Contains(align.Value, new[] { "Left", "Right", "Center" });
            }
            foreach (var row in table.Element("TableRowEntries")!.Elements("TableRowEntry"))
            {
                var items = row.Element("TableColumnItems")!.Elements("TableColumnItem").ToList();
                Assert.True(headers.Count == items.Count, $"{name}: {headers.Count} headers but {items.Count} column items.");
                foreach (var item in items)
                    Assert.True(item.Elements("PropertyName").Count() + item.Elements("ScriptBlock").Count() == 1, $"{name}: a column item needs exactly one PropertyName or ScriptBlock.");
            }
        }
    }

    [Fact]
    public void Views_select_public_DasOps_types_by_existing_properties()
    {
        foreach (var view in Views)
        {
            foreach (var typeName in view.Element("ViewSelectedBy")!.Elements("TypeName").Select(t => t.Value.Trim()))
            {
                var type = ModuleSurface.Module.GetType(typeName);
                Assert.True(type is { IsPublic: true }, $"view {(string?)view.Element("Name")} selects {typeName}, which is not a public type of DasOps.dll.");
                var properties = type!.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet();
                foreach (var property in view.Descendants("PropertyName").Select(p => p.Value.Trim()))
                    Assert.True(properties.Contains(property), $"view of {typeName} shows '{property}', which {typeName} does not have.");
            }
        }
    }

    [Fact]
    public void Every_output_type_has_a_view()
    {
        var selected = Views.SelectMany(v => v.Element("ViewSelectedBy")!.Elements("TypeName")).Select(t => t.Value.Trim()).ToHashSet();
        var declared = ModuleSurface.Cmdlets.SelectMany(c => c.OutputTypes).Where(t => t.Assembly == ModuleSurface.Module);
        foreach (var type in OutputClasses.Concat(declared).Distinct())
            Assert.True(selected.Contains(type.FullName!), $"{type.FullName} has no view in DasOps.format.ps1xml.");
        Assert.Contains("DasOps.DasFileChange", selected);
    }

    [Fact]
    public void Output_classes_have_get_only_properties_and_no_public_constructor()
    {
        foreach (var type in OutputClasses)
        {
            Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                Assert.True(property.SetMethod == null || !property.SetMethod.IsPublic, $"{type.Name}.{property.Name} has a public setter.");
        }
    }
}
