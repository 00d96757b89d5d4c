import gymnasium as gym, numpy as np
rng=np.random.default_rng(0)
env=gym.make("Pendulum-v1")
S=[];A=[]
for ep in range(500):   # 100k transitions, like a pendulum-random dataset
    s,_=env.reset(seed=ep)
    for t in range(200):
        a=rng.uniform(-2,2,size=1).astype(np.float32)
        S.append(s);A.append(a/2)
        s,r,term,trunc,_=env.step(a)
S=np.array(S,dtype=np.float64);A=np.array(A,dtype=np.float64)
S=(S-S.mean(0))/(S.std(0)+1e-3)
q=rng.choice(len(S),1500,replace=False)
for name,pi in [("pi=0",np.zeros((len(q),1))),("pi=indep. uniform",rng.uniform(-1,1,(len(q),1)))]:
    for beta in [2,10,100,1000,1e6]:
        keys=np.concatenate([beta*S,A],1)
        same=0;dev=[]
        for j,i in enumerate(q):
            k=np.concatenate([beta*S[i],pi[j]])
            n=np.argmin(((keys-k)**2).sum(1))
            same+= (n==i); dev.append(abs(A[n,0]-A[i,0]))
        print(f"{name:18s} beta={beta:g}: nearest is the logged transition {same/len(q):.3f}, mean |a_hat - a_logged| {np.mean(dev):.3f}, state dist {np.mean(np.sqrt(((S[q]-S[q])**2).sum(1))):.1f}")
