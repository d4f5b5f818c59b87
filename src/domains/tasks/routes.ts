import { z } from "zod";
import type { AppContext } from "../../platform/app/context.js";
import { AppError, invalidField } from "../../platform/errors/app-error.js";
import type { AppServer } from "../../platform/http/server.js";
import type { Principal } from "../../platform/http/principal.js";
import { requirePrincipal } from "../../platform/http/require-principal.js";
import { ROLES } from "../../platform/pack/pack-schema.js";
import { TASK_STATUSES } from "../accounts/schema.js";
import { createTask, TASK_DESCRIPTION_MAX, TASK_TITLE_MAX } from "./create-task.js";
import { listTasks } from "./list-tasks.js";
import { myDay } from "./my-day.js";
import { overdueTasks } from "./overdue-tasks.js";
import { taskBoard } from "./task-board.js";
import { getTask } from "./task-view.js";
import { updateTask } from "./update-task.js";

const idParams = z.object({ id: z.uuid() });
/** "me" (the signed-in person), "none" (nobody), or a user id. */
const assigneeQuery = z.union([z.literal("me"), z.literal("none"), z.uuid()]).optional();
const statusList = z
  .string()
  .max(200)
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(TASK_STATUSES)));
const boardFilters = { assignee: assigneeQuery, team: z.enum(ROLES).optional(), accountId: z.uuid().optional() };

/** Resolves assignee=me to the signed-in person; an API token has nobody behind it. */
function resolveAssignee(principal: Principal, assignee: string | undefined): string | undefined {
  if (assignee !== "me") return assignee;
  if (!principal.user) throw invalidField("assignee", "“me” is the signed-in person and an API token has none; pass a user id", "query");
  return principal.user.id;
}

/** E7 task board, lists, my day and leadership's overdue view. */
export function taskRoutes(ctx: AppContext) {
  return (app: AppServer) => {
    app.get(
      "/api/v1/tasks",
      {
        schema: {
          tags: ["tasks"],
          summary: "Tasks, soonest due first; filter by assignee (me, none or a user id), team, account, status (comma list), due (overdue, today, week: open tasks only) and title words",
          querystring: z
            .object({
              ...boardFilters,
              status: statusList.optional(),
              due: z.enum(["overdue", "today", "week"]).optional(),
              q: z.string().max(200).optional(),
              limit: z.coerce.number().int().min(1).max(200).default(50),
              offset: z.coerce.number().int().min(0).default(0),
            })
            .strict(),
        },
      },
      async (req) => {
        const { assignee, status, ...rest } = req.query;
        return listTasks(ctx, { ...rest, statuses: status, assignee: resolveAssignee(requirePrincipal(req), assignee) });
      },
    );

    app.get(
      "/api/v1/tasks/board",
      {
        schema: {
          tags: ["tasks"],
          summary: "The E7 board: a column per status (labels from the pack), cards by position then due date; Completed shows the last 50",
          querystring: z.object(boardFilters).strict(),
        },
      },
      async (req) => taskBoard(ctx, { ...req.query, assignee: resolveAssignee(requirePrincipal(req), req.query.assignee) }),
    );

    app.get(
      "/api/v1/tasks/my-day",
      { schema: { tags: ["tasks"], summary: "My open tasks overdue, due today and in the next 7 days, plus my team's unassigned tasks" } },
      async (req) => {
        const user = requirePrincipal(req).user;
        if (!user) throw new AppError("validation_failed", "My day is a person's view and an API token has no person: use GET /api/v1/tasks?assignee=<userId>&due=week.");
        return myDay(ctx, { userId: user.id, role: user.role });
      },
    );

    app.get(
      "/api/v1/tasks/overdue",
      { schema: { tags: ["tasks"], summary: "Every open task past its due day, with counts by assignee and team (leadership's view)" } },
      async () => overdueTasks(ctx),
    );

    app.post(
      "/api/v1/tasks",
      {
        schema: {
          tags: ["tasks"],
          summary: "Create a task (top of To-Do); the assignee is emailed unless it is you",
          body: z
            .object({
              title: z.string().trim().min(1).max(TASK_TITLE_MAX),
              description: z.string().max(TASK_DESCRIPTION_MAX).optional(),
              assigneeUserId: z.uuid().nullable().optional(),
              team: z.enum(ROLES).nullable().optional(),
              dueOn: z.iso.date().nullable().optional(),
              accountId: z.uuid().nullable().optional(),
            })
            .strict(),
        },
      },
      async (req, reply) => {
        const actor = requirePrincipal(req).actor;
        const { id } = await ctx.db.transaction().execute((trx) => createTask(trx, ctx, { ...req.body, source: "user", actor, requestId: req.id }));
        ctx.notifyOutbox();
        return reply.status(201).send(await getTask(ctx.db, ctx, id));
      },
    );

    app.get("/api/v1/tasks/:id", { schema: { tags: ["tasks"], summary: "One task", params: idParams } }, async (req) => getTask(ctx.db, ctx, req.params.id));

    app.patch(
      "/api/v1/tasks/:id",
      {
        schema: {
          tags: ["tasks"],
          summary: "Edit, move (status + position between the new neighbours), reassign (emails the new assignee) or archive a task",
          params: idParams,
          body: z
            .object({
              title: z.string().trim().min(1).max(TASK_TITLE_MAX).optional(),
              description: z.string().max(TASK_DESCRIPTION_MAX).optional(),
              assigneeUserId: z.uuid().nullable().optional(),
              team: z.enum(ROLES).nullable().optional(),
              dueOn: z.iso.date().nullable().optional(),
              status: z.enum(TASK_STATUSES).optional(),
              position: z.number().optional(),
              archived: z.literal(true).optional(),
            })
            .strict(),
        },
      },
      async (req) => {
        const { task, emailed } = await updateTask(ctx, { taskId: req.params.id, changes: req.body, actor: requirePrincipal(req).actor, requestId: req.id });
        if (emailed) ctx.notifyOutbox();
        return task;
      },
    );
  };
}
