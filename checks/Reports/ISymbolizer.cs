// Turning code and data addresses into names, for stack frames and statics.
namespace Liballocs.Checks.Reports;

/// <summary>Symbolises addresses of the running process.</summary>
public interface ISymbolizer
{
    /// <summary>The frame at <paramref name="address"/>; a return address
    /// (<paramref name="isReturnAddress"/>) is looked up one byte earlier, inside the call.</summary>
    StackFrame Frame(nuint address, bool isReturnAddress);

    /// <summary>The name of the symbol starting at or containing <paramref name="address"/>, or null.</summary>
    string? SymbolAt(nuint address);
}
