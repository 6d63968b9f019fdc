using System;

namespace DasOps.Internal;

/// <summary>Converts between the module's enums and the engine's by member name (the surface tests keep the names equal).</summary>
internal static class EnumMap
{
    public static T ToModule<T>(Enum value) where T : struct => Convert<T>(value);

    public static T ToEngine<T>(Enum value) where T : struct => Convert<T>(value);

    private static T Convert<T>(Enum value) where T : struct
    {
        if (Enum.TryParse<T>(value.ToString(), false, out var result) && Enum.IsDefined(typeof(T), result)) return result;
        throw new ArgumentOutOfRangeException(nameof(value), value, $"{value.GetType().Name}.{value} has no counterpart in {typeof(T).Name}.");
    }
}
