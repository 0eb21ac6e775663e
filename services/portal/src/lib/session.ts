import { useQuery, useQueryClient } from '@tanstack/react-query';
import { claimsOf, currentUser, signOut } from './auth';
import { navigate } from './router';

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'signed-in'; name: string; verifiedIdNumber: string | null; signOut(): Promise<void> };

/** Who is signed in, from the token in this tab's session storage. */
export function useSession(): Session {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['session'], queryFn: currentUser, staleTime: 60_000 });
  if (query.isPending) return { status: 'loading' };
  const user = query.data;
  if (!user) return { status: 'anonymous' };
  const claims = claimsOf(user);
  return {
    status: 'signed-in',
    name: claims.name ?? claims.preferred_username ?? 'công dân',
    verifiedIdNumber: claims.mc_verified_id_number ?? null,
    async signOut() {
      await signOut();
      // Nothing personal stays in memory once the citizen has signed out.
      client.clear();
      navigate('/');
    },
  };
}
