using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Wand.Functions.Pipeline;

namespace Wand;

/// <summary>Both hosts know the same orchestrators and activities by the same names.</summary>
public sealed class WandTasksTests
{
    private static readonly IReadOnlyList<MethodInfo> FunctionMethods = typeof(RepairFunctions).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToList();

    [Fact]
    public void Orchestrators_RegisteredByTheCli_AreTheFunctionsAppsOrchestrationTriggers()
    {
        var functions = NamesOfFunctionsWith<OrchestrationTriggerAttribute>();

        Assert.Equal(WandTasks.Orchestrators.Order(StringComparer.Ordinal), functions);
    }

    [Fact]
    public void Activities_RegisteredByTheCli_AreTheFunctionsAppsActivityTriggers()
    {
        var functions = NamesOfFunctionsWith<ActivityTriggerAttribute>();

        Assert.Equal(WandTasks.Activities.Select(a => a.Name).Order(StringComparer.Ordinal), functions);
    }

    [Fact]
    public void Activities_EveryNameConstant_IsRegistered()
    {
        // Each capability names its own activities; the registry must hold every one of them.
        var constants = typeof(WandTasks).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.IsSealed && t.Name.EndsWith("Tasks", StringComparison.Ordinal) && t != typeof(WandTasks))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);

        Assert.Equal(constants, WandTasks.Activities.Select(a => a.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Activities_EachType_IsADurableTaskActivity()
    {
        Assert.All(WandTasks.Activities, a => Assert.True(typeof(ITaskActivity).IsAssignableFrom(a.Type), $"{a.Name}: {a.Type} is not an ITaskActivity"));
    }

    [Fact]
    public void AddWandTasks_Twice_IsRefusedAsADuplicateName()
    {
        var registry = new DurableTaskRegistry().AddWandTasks();

        // The registry refuses a second task of the same name: the first call registered them all.
        Assert.ThrowsAny<ArgumentException>(() => registry.AddWandTasks());
    }

    private static List<string> NamesOfFunctionsWith<TTrigger>()
        where TTrigger : Attribute => FunctionMethods
        .Where(m => m.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null))
        .Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name)
        .Order(StringComparer.Ordinal)
        .ToList();
}
