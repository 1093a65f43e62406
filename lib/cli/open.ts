// Opens the database for a CLI; a data folder held by the running app gives a clear message.
import { DataFolderBusyError, openDatabase, type DbHandle } from "../db/client";
import { die } from "./args";

export async function openForCli(purpose: string): Promise<DbHandle> {
  try {
    return await openDatabase({ purpose, initInChild: true });
  } catch (error) {
    if (error instanceof DataFolderBusyError) die(error.message);
    throw error;
  }
}
