"use server";
import { action, ActionError } from "../action";
import { AssignmentError, reassignAssignment } from "../../db/queries/assignments";
import { reassignSchema } from "../../team/schemas";

// Permission: dataset admin.
export const reassignAssignmentAction = action(
  reassignSchema,
  async (input, { db }) => {
    try {
      return await reassignAssignment(db, input);
    } catch (error) {
      if (error instanceof AssignmentError) throw new ActionError(error.message);
      throw error;
    }
  },
  { permission: "admin" },
);
