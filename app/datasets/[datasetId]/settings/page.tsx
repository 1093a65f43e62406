import type { Metadata } from "next";
import { connection } from "next/server";
import { DatasetNav } from "@/components/dataset/dataset-nav";
import { DatasetBaseForm } from "@/components/dataset/dataset-base-form";
import { MembersPanel } from "@/components/settings/members-panel";
import { listDatasetMembers } from "@/lib/db/queries/accounts";
import { listInvites } from "@/lib/db/queries/invites";
import { loadDatasetOr404 } from "@/lib/db/queries/load-dataset";
import { imagePolicy } from "@/lib/images/sources";

type Props = { params: Promise<{ datasetId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { dataset } = await loadDatasetOr404((await params).datasetId, "/settings");
  return { title: `Settings · ${dataset.name} · Ripe` };
}

/** For the dataset's admins only (every setting here is an admin action): a viewer or reviewer gets the 403 page. */
export default async function DatasetSettingsPage({ params }: Props) {
  await connection();
  const { db, dataset } = await loadDatasetOr404((await params).datasetId, "/settings");
  const policy = imagePolicy();
  const [members, invites] = await Promise.all([listDatasetMembers(db, dataset.id), listInvites(db, dataset.id)]);
  return (
    <div>
      <DatasetNav datasetId={dataset.id} name={dataset.name} active="/settings" />
      <div className="mx-auto max-w-3xl space-y-6 p-6">
        <h2 className="text-lg font-semibold">Dataset settings</h2>
        <DatasetBaseForm
          datasetId={dataset.id}
          base={dataset.base}
          mirrors={dataset.mirrors}
          roots={policy.roots}
          prefixes={[
            ...policy.remotePrefixes.map((prefix) => prefix.text),
            ...policy.s3Bases.map((base) => `s3://${base.bucket}/${base.key}`),
          ]}
        />
        <MembersPanel
          datasetId={dataset.id}
          members={members}
          invites={invites.map((invite) => ({
            id: invite.id,
            email: invite.email,
            role: invite.role,
            expires: invite.expiresAt.toISOString().slice(0, 10),
            state: invite.state,
          }))}
        />
      </div>
    </div>
  );
}
