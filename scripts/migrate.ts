// npm run db:migrate: applies the committed drizzle migrations to the configured database.
import { openDatabase } from "../lib/db/client";

const handle = await openDatabase({ purpose: "db:migrate" });
console.log(`Migrated ${handle.describe}`);
await handle.close();
