// better-auth's endpoints (sign-in, sign-out, session…). Public: they are how one signs in. The
// Host and Origin checks of proxy.ts run first; better-auth checks the origin of its POSTs too.
// Permission: public.
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

const handle = async (request: Request) => toNextJsHandler(await getAuth()).POST(request);

export const GET = async (request: Request) => toNextJsHandler(await getAuth()).GET(request);
export const POST = handle;
