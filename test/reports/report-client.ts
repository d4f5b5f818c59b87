import type { TestServer } from "../support/test-server.js";

/** The report as the API returns it (dates as ISO strings). */
export interface TrialsReportBody {
  period: { from: string; to: string; days: number };
  generatedAt: string;
  funnel: { key: string; label: string; count: number; conversionPct: number | null }[];
  weekly: { weekStart: string; days: number; signups: number; qualified: number; handedOff: number }[];
  statusBreakdown: { status: string; substatus: string | null; count: number; sharePct: number }[];
  pipeline: { status: string; count: number }[];
  ongoingTrials: {
    id: string;
    company: string;
    slug: string;
    state: string;
    owner: { id: string; name: string } | null;
    ageDays: number;
    daysLeft: number | null;
    provisioningSla: { state: string; workingMsLeft: number; workingMsAllowed: number; dueAt: string } | null;
    usage: { users: number; mau: number; unused: boolean; pql: boolean; pqlCriteria: string[] } | null;
  }[];
  usageOverview: {
    items: { id: string; slug: string; trial: { id: string; state: string } | null; usage: { users: number; mau: number; unused: boolean; pql: boolean; pqlCriteria: string[] } }[];
    truncated: boolean;
  };
}

export interface ErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string[]; message: string }[] } };
}

export async function getReport(server: TestServer, query = "", role: Parameters<TestServer["tokenFor"]>[0] = "growth") {
  return server.app.inject({
    method: "GET",
    url: `/api/v1/reports/trials${query}`,
    headers: { authorization: `Bearer ${await server.tokenFor(role)}` },
  });
}

export async function report(server: TestServer, query = ""): Promise<TrialsReportBody> {
  const res = await getReport(server, query);
  if (res.statusCode !== 200) throw new Error(`report: ${res.statusCode} ${res.body}`);
  return res.json<TrialsReportBody>();
}
