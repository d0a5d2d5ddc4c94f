import { useUserLookup } from '../../lib/reference-data';

/** A user's name from an id, through the look-up every signed-in user may call. */
export const UserName = ({ id }: { id: string }) => {
  const lookup = useUserLookup('');
  const user = lookup.data?.find((candidate) => candidate.id === id);
  return <span title={id}>{user?.displayName ?? `${id.slice(0, 8)}…`}</span>;
};
