using System.Linq;
using DasOps.Engine.Apps;
using DasOps.Engine.Diagnostics;
using Xunit;

namespace DasOps.Engine.Tests.Apps;

/// <summary>Execution groups and parallelism read from a distributed Siddhi app, as the manager splits it (seed 004).</summary>
public class SiddhiAppTests
{
    // Seed 004's sample, typographic quotes included, with the stream definition it needs.
    private const string SeedSample = @"@App:name('wso2-app')
define stream TempStream (deviceID long, roomNo int, temp double);
@info(name = ‘query-1')
@dist(execGroup='group-1')
from TempStream#window.time(2 min)
select avg(temp) as avgTemp, roomNo, deviceID
insert all events into AvgTempStream;
@info(name = ‘query-2')
@dist(execGroup='group-1')
from every( e1=TempStream ) ->
e2=TempStream[e1.roomNo==roomNo and (e1.temp + 5) <= temp ] within 10 min
select e1.roomNo, e1.temp as initialTemp, e2.temp as finalTemp
insert into AlertStream;
@info(name = ‘query-3')
@dist(execGroup='group-2' ,parallel ='2')
from TempStream [(roomNo >= 100 and roomNo < 110) and temp > 40 ]
select roomNo, temp
insert into HighTempStream;
";

    [Fact]
    public void The_seed_sample_has_group_1_with_two_queries_once_and_group_2_twice()
    {
        var app = SiddhiApp.Parse(SeedSample, "wso2-app.siddhi");

        Assert.Equal("wso2-app", app.Name);
        Assert.Equal(new[] { ("group-1", 1, 5), ("group-2", 2, 16) }, app.Groups.Select(g => (g.Name, g.Parallel, g.Line)));
        Assert.Equal(new[] { "query-1", "query-2" }, app.Groups[0].Elements);
        Assert.False(app.HasUserSource);
        Assert.Same(SeedSample, app.Text);
    }

    [Fact]
    public void A_partition_is_one_element_and_queries_without_dist_form_the_default_group()
    {
        const string text = @"@App:name(""parts"")
@source(type='http', receiver.url='http://0.0.0.0:8006/in', @map(type='json'))
define stream In (k string, v int);
-- @dist(execGroup='commented', parallel='9')
@dist(execGroup='p', parallel='3')
partition with (k of In)
begin
  from In select k, sum(v) as s insert into #S;
  from #S select k, s insert into Out;
end;
from In select k insert into Keys;
";
        var app = SiddhiApp.Parse(text, "parts.siddhi");

        Assert.Equal(new[] { ("p", 3), (SiddhiApp.DefaultGroup, 1) }, app.Groups.Select(g => (g.Name, g.Parallel)));
        Assert.Equal(new[] { "partition at line 6" }, app.Groups[0].Elements);
        Assert.Equal(new[] { "query at line 11" }, app.Groups[1].Elements);
        Assert.True(app.HasUserSource);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_line()
    {
        const string text = @"define stream S (a int);
@dist(execGroup='g', parallel='2')
from S select a insert into T;
@dist(execGroup='g', parallel='3')
from T select a insert into U;
@dist(execGroup='h', parallel='0')
from U select a insert into V;
";
        var error = Assert.Throws<InputException>(() => SiddhiApp.Parse(text, "bad.siddhi"));

        Assert.Contains("bad.siddhi:1: no @App:name", error.Message);
        Assert.Contains("bad.siddhi:5: group 'g' has parallel='3' here and parallel='2' at line 3", error.Message);
        Assert.Contains("bad.siddhi:7: parallel='0' in group 'h'", error.Message);
    }

    [Theory]
    [InlineData("@App:name('a b')\ndefine stream S (a int);\nfrom S select a insert into T;", "not a plain name")]
    [InlineData("@App:name('x')\ndefine stream S (a int);", "no query or partition")]
    [InlineData("@App:name('x')\ndefine stream S (a int);\n@dist(execGroup='g;drop', parallel='1')\nfrom S select a insert into T;", "execGroup='g;drop'")]
    public void A_bad_app_is_refused_naming_the_problem(string text, string expected)
    {
        var error = Assert.Throws<InputException>(() => SiddhiApp.Parse(text, "x.siddhi"));
        Assert.Contains(expected, error.Message);
    }
}
