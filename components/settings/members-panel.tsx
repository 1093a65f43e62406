"use client";
// A dataset's Members panel (dataset admins): change or remove a member's role, give an existing
// account a role, or invite a new person by link (shown here to copy: Ripe sends no mail).
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { setMemberRoleAction } from "@/lib/actions/accounts/set-member-role";
import { createInviteAction } from "@/lib/actions/invites/create-invite";
import { DATASET_ROLES, ROLE_LABELS, type DatasetRole } from "@/lib/auth/roles";

export type MemberRow = { email: string; name: string; role: DatasetRole };
export type InviteRow = { id: number; email: string; role: DatasetRole; expires: string; state: "open" | "used" | "expired" };

const field = "rounded-md border border-neutral-700 bg-neutral-950 px-2 py-1.5 text-sm text-neutral-100 placeholder:text-neutral-500";
const button = "rounded-md bg-amber-500 px-3 py-1.5 text-sm font-medium text-neutral-950 hover:bg-amber-400 disabled:opacity-60";

function RoleSelect({ value, onChange, label }: { value: DatasetRole; onChange: (role: DatasetRole) => void; label: string }) {
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value as DatasetRole)} className={field}>
      {DATASET_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}

export function MembersPanel({ datasetId, members, invites }: { datasetId: number; members: MemberRow[]; invites: InviteRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<DatasetRole>("reviewer");
  const [isBusy, startWork] = useTransition();

  const change = (memberEmail: string, next: DatasetRole | null) =>
    startWork(async () => {
      const result = await setMemberRoleAction({ datasetId, email: memberEmail, role: next });
      setMessage(
        result.ok
          ? { isError: false, text: `${memberEmail}: ${next ? ROLE_LABELS[next] : "removed"}.` }
          : { isError: true, text: result.error },
      );
      router.refresh();
    });
  const onInvite = (event: FormEvent) => {
    event.preventDefault();
    startWork(async () => {
      const result = await createInviteAction({ datasetId, email, role });
      if (!result.ok) return setMessage({ isError: true, text: result.error });
      setLink(`${window.location.origin}${result.data.path}`);
      setMessage(null);
      setEmail("");
      router.refresh();
    });
  };
  const onAdd = () => change(email.trim(), role);

  return (
    <section className="space-y-4 rounded-lg border border-neutral-800 bg-neutral-900/60 p-4" data-testid="members-panel">
      <h3 className="text-sm font-medium text-neutral-200">Members</h3>
      <table className="w-full text-left text-sm">
        <tbody>
          {members.length === 0 && (
            <tr>
              <td className="py-1 text-neutral-500">No members yet (site admins act as owners of every dataset).</td>
            </tr>
          )}
          {members.map((member) => (
            <tr key={member.email} className="border-t border-neutral-800" data-testid="member-row">
              <td className="py-1.5 text-neutral-100">
                {member.email}
                {member.name !== member.email && <span className="ml-2 text-neutral-500">{member.name}</span>}
              </td>
              <td className="w-40">
                <RoleSelect label={`Role of ${member.email}`} value={member.role} onChange={(next) => change(member.email, next)} />
              </td>
              <td className="w-20 text-right">
                <button
                  type="button"
                  disabled={isBusy}
                  onClick={() => change(member.email, null)}
                  className="text-xs text-neutral-400 hover:text-red-300"
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={onInvite} className="flex flex-wrap items-center gap-2 border-t border-neutral-800 pt-3">
        <input
          aria-label="Email"
          type="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          placeholder="email"
          className={`${field} min-w-0 flex-1`}
          data-testid="invite-email"
        />
        <RoleSelect label="Role" value={role} onChange={setRole} />
        <button type="submit" disabled={isBusy} className={button}>
          Invite by link
        </button>
        <button
          type="button"
          disabled={isBusy || !email}
          onClick={onAdd}
          className="rounded-md border border-neutral-700 px-3 py-1.5 text-sm text-neutral-200 hover:border-amber-500"
        >
          Add existing account
        </button>
      </form>
      {message && (
        <p role={message.isError ? "alert" : "status"} className={`text-sm ${message.isError ? "text-red-400" : "text-emerald-400"}`}>
          {message.text}
        </p>
      )}
      {link && (
        <div role="status" className="space-y-1 rounded border border-emerald-700 bg-emerald-950/40 p-3 text-sm text-emerald-200">
          <p>Send this link to the person (it works once, for 7 days; it is not shown again):</p>
          <code data-testid="invite-link" className="block break-all rounded bg-neutral-950 p-2 font-mono text-neutral-100 select-all">
            {link}
          </code>
        </div>
      )}
      {invites.length > 0 && (
        <div className="text-xs text-neutral-400">
          <p className="font-medium text-neutral-300">Invites</p>
          <ul className="mt-1 space-y-0.5">
            {invites.map((invite) => (
              <li key={invite.id}>
                {invite.email} · {ROLE_LABELS[invite.role]} · {invite.state === "open" ? `open until ${invite.expires}` : invite.state}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
